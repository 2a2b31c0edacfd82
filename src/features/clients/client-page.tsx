import { useQuery } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { Link, useParams } from 'react-router-dom'
import { Avatar } from '../../components/avatar'
import { CopyButton } from '../../components/copy-button'
import { ErrorPanel, MissingCredentials } from '../../components/error-panel'
import { LoadingRows } from '../../components/list-states'
import { PageHeading } from '../../components/page-title'
import { useAccess } from '../../lib/access'
import { usePhone } from '../../components/phone'
import { formatDate, formatRelative, parseDate } from '../../lib/format'
import { budgetState } from '../../lib/request-budget'
import { budgetIdFor, clientsQueryOptions, isRateLimited } from './api'
import { getListSearch } from './list-return'
import { clientInitials, clientName, type Client } from './client-model'
import { useLocale } from '../../i18n/locale'
import { m } from '../../paraglide/messages.js'

const COPY = 'btn px-2 py-0.5 text-xs'

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[8rem_1fr] items-center gap-2 border-t border-slate-200 py-3 dark:border-slate-800">
      <dt className="text-sm font-medium text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="flex min-w-0 flex-wrap items-center gap-2 break-all">{children}</dd>
    </div>
  )
}

function Profile({ client }: { client: Client }) {
  const phone = usePhone(client.phone)
  useLocale()
  const created = parseDate(client.createdAt)
  const name = clientName(client)
  return (
    <article className="space-y-6">
      <div className="flex items-center gap-6">
        <Avatar size="lg" initials={clientInitials(client)} colourKey={String(client.id)} src={client.pictureUrl} alt={m.client_picture({ name })} />
        <PageHeading title={name || m.client_fallback({ id: client.id })} />
      </div>
      <dl className="max-w-2xl">
        <Field label={m.field_email()}>
          {client.email ? (
            <>
              <a className="link" href={`mailto:${client.email}`}>
                {client.email}
              </a>
              <CopyButton value={client.email} label={m.copy_email()} copiedLabel={m.email_copied()} className={COPY} />
            </>
          ) : (
            <span className="muted">{m.none()}</span>
          )}
        </Field>
        <Field label={m.field_phone()}>
          {phone.e164 ? (
            <a className="link" href={`tel:${phone.e164}`}>
              {phone.display}
            </a>
          ) : (
            <span>{phone.display || <span className="muted">{m.none()}</span>}</span>
          )}
          {client.phone && <CopyButton value={phone.e164 ?? client.phone} label={m.copy_phone()} copiedLabel={m.phone_copied()} className={COPY} />}
        </Field>
        <Field label={m.field_client_id()}>
          <span className="font-mono">{client.id}</span>
        </Field>
        <Field label={m.field_created()}>
          <time dateTime={client.createdAt}>{formatDate(client.createdAt, true)}</time>
          {created && <span className="muted">({formatRelative(created)})</span>}
        </Field>
      </dl>
    </article>
  )
}

export function ClientPage() {
  const { id } = useParams()
  useLocale()
  const { clients: access } = useAccess()
  // Served from the cached list; a deep link costs the one request that fills it.
  const query = useQuery(clientsQueryOptions(access))
  const listSearch = getListSearch()
  const back = (
    <Link className="link" to={`/clients${listSearch}`}>
      {m.back_to_clients()}
    </Link>
  )
  // Ids are integers, and the API sends negative ones too: /clients/-5 is a client.
  const numericId = id && /^-?\d+$/.test(id) ? Number(id) : null
  const client = numericId !== null ? query.data?.clients.find((c) => c.id === numericId) : undefined

  let body: ReactNode
  if (!access.ready && access.missing) body = <MissingCredentials api="Clients" what={access.missing} />
  else if (numericId === null || client === undefined) {
    if (numericId !== null && query.isPending) body = <LoadingRows label={m.client_loading()} rows={4} />
    else if (numericId !== null && query.isError) {
      // A 429 (or a request Roster held back) counts down to the time the limit allows, as on the list.
      const retryAt = isRateLimited(query.error) ? budgetState(budgetIdFor(access)).blockedUntil : null
      body = <ErrorPanel error={query.error} retryAt={retryAt} onRetry={() => void query.refetch()} />
    } else
      body = (
        <div role="status" className="space-y-2">
          <PageHeading title={m.client_not_found()} />
          <p>{id ? m.client_no_such_id({ id }) : m.client_no_id()}</p>
        </div>
      )
  } else body = <Profile client={client} />

  return (
    <section className="space-y-6">
      <nav aria-label={m.breadcrumb()}>{back}</nav>
      {body}
    </section>
  )
}
