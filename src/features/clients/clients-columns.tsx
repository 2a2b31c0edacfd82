import { createColumnHelper } from '@tanstack/react-table'
import { Link } from 'react-router-dom'
import { Avatar } from '../../components/avatar'
import type { sortingFeatures } from '../../components/sorting'
import { PhoneText } from '../../components/phone'
import { formatDate } from '../../lib/format'
import type { Client } from './client-model'

const helper = createColumnHelper<typeof sortingFeatures, Client>()

function ClientCell({ client }: { client: Client }) {
  return (
    <div className="flex min-w-0 items-center gap-3">
      <Avatar initials={client.initials} colourKey={String(client.id)} src={client.pictureUrl} />
      <Link to={`/clients/${client.id}`} className="link truncate" title={client.fullName}>
        {client.fullName || `Client ${client.id}`}
      </Link>
    </div>
  )
}

// Phones and dates are formatted in the cell, so only the rows on screen pay for it.
export const clientsColumns = helper.columns([
  helper.accessor('fullName', { id: 'name', header: 'Client', sortFn: 'byText', cell: (ctx) => <ClientCell client={ctx.row.original} /> }),
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
  helper.accessor('phoneDigits', {
    id: 'phone',
    header: 'Phone',
    sortFn: 'byText',
    cell: (ctx) => <span className="whitespace-nowrap tabular-nums"><PhoneText raw={ctx.row.original.phone} /></span>,
  }),
  helper.accessor('createdMs', {
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
