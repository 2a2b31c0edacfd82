import { Link } from 'react-router-dom'
import { PageHeading } from './page-title'
import { useLocale } from '../i18n/locale'
import { m } from '../paraglide/messages.js'

export function NotFoundPage() {
  useLocale()
  return (
    <section className="space-y-4">
      <PageHeading title={m.not_found()} />
      <p>{m.not_found_body()}</p>
      <Link className="link" to="/clients">
        {m.go_home()}
      </Link>
    </section>
  )
}
