import { createColumnHelper } from '@tanstack/react-table'
import { Avatar } from '../../components/avatar'
import type { sortingFeatures } from '../../components/sorting'
import { PhoneText } from '../../components/phone'
import { formatDate } from '../../lib/format'
import { digitsOf } from '../../lib/text'
import { clientCreatedMs, clientInitials, clientName, type Client } from './client-model'

const helper = createColumnHelper<typeof sortingFeatures, Client>()

function ClientCell({ client }: { client: Client }) {
  const name = clientName(client)
  return (
    <div className="flex min-w-0 items-center gap-3">
      <Avatar initials={clientInitials(client)} colourKey={String(client.id)} src={client.pictureUrl} loadAfterMs={200} />
      {/* Followed in the app by the list's click handler (components/row-link.ts). */}
      <a href={`/clients/${client.id}`} data-row-link="" className="link truncate" title={name}>
        {name || `Client ${client.id}`}
      </a>
    </div>
  )
}

// Names, phones and dates are derived in the cell, so only the rows on screen pay for it; a sort
// derives its column's values once (the table caches them per row) when it is first asked for.
export const clientsColumns = helper.columns([
  helper.accessor(clientName, { id: 'name', header: 'Client', sortFn: 'byText', cell: (ctx) => <ClientCell client={ctx.row.original} /> }),
  helper.accessor('email', {
    id: 'email',
    header: 'Email',
    sortFn: 'byText',
    cell: (ctx) => (
      <span className="block truncate" title={ctx.row.original.email}>
        {ctx.row.original.email}
      </span>
    ),
  }),
  helper.accessor((c) => digitsOf(c.phone), {
    id: 'phone',
    header: 'Phone',
    sortFn: 'byText',
    cell: (ctx) => <span className="whitespace-nowrap tabular-nums"><PhoneText raw={ctx.row.original.phone} /></span>,
  }),
  helper.accessor(clientCreatedMs, {
    id: 'created',
    header: 'Created',
    sortFn: 'byNumber',
    sortDescFirst: true,
    cell: (ctx) => (
      <time dateTime={ctx.row.original.createdAt} className="whitespace-nowrap">
        {formatDate(ctx.row.original.createdAt)}
      </time>
    ),
  }),
])

export const CLIENT_SORT_IDS = ['name', 'email', 'phone', 'created'] as const
export const clientsWidths = { name: 'w-[36%]', email: 'w-[30%]', phone: 'w-[18%]', created: 'w-[16%]' }
