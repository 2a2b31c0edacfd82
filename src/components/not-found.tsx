import { Link } from 'react-router-dom'
import { PageHeading } from './page-title'

export function NotFoundPage() {
  return (
    <section className="space-y-4">
      <PageHeading title="Page not found" />
      <p>There is nothing at this address.</p>
      <Link className="link" to="/clients">
        Go to the home page
      </Link>
    </section>
  )
}
