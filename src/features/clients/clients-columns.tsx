import { createColumnHelper } from '@tanstack/react-table'
import { Avatar } from '../../components/avatar'
import type { sortingFeatures } from '../../components/sorting'
import { PhoneText } from '../../components/phone'
import { formatDate } from '../../lib/format'
import { digitsOf } from '../../lib/text'
import { clientCreatedMs, clientInitials, clientName, type Client } from './client-model'
import { m } from '../../paraglide/messages.js'

const helper = createColumnHelper<typeof sortingFeatures, Client>()

// Cells hold little more than their text: the row's cells cut long text with an ellipsis (`.data-row`
// in index.css), so no wrapper per cell is needed, and rows are cheap to create on every keystroke.
function ClientCell({ client }: { client: Client }) {
  const name = clientName(client)
  return (
    <>
      <Avatar initials={clientInitials(client)} colourKey={String(client.id)} src={client.pictureUrl} loadAfterMs={200} className="mr-3 align-middle" />
      {/* Followed in the app by the list's click handler (components/row-link.ts). A box of its own beside the
          2.75rem avatar: a long name ends in an ellipsis that is part of the link, and the focus outline
          stays inside the cell's padding instead of being cut. */}
      <a href={`/clients/${client.id}`} data-row-link="" className="link inline-block max-w-[calc(100%-2.75rem)] truncate align-middle" title={name}>
        {name || m.client_fallback({ id: client.id })}
      </a>
    </>
  )
}

// Names, phones and dates are derived in the cell, so only the rows on screen pay for it; a sort
// derives its column's values once (the table caches them per row) when it is first asked for.
export const clientsColumns = helper.columns([
  helper.accessor(clientName, { id: 'name', header: () => m.col_client(), sortFn: 'byText', cell: (ctx) => <ClientCell client={ctx.row.original} /> }),
  helper.accessor('email', {
    id: 'email',
    header: () => m.col_email(),
    sortFn: 'byText',
    cell: (ctx) => <span title={ctx.row.original.email}>{ctx.row.original.email}</span>,
  }),
  helper.accessor((c) => digitsOf(c.phone), {
    id: 'phone',
    header: () => m.col_phone(),
    sortFn: 'byText',
    cell: (ctx) => <PhoneText raw={ctx.row.original.phone} />,
  }),
  helper.accessor(clientCreatedMs, {
    id: 'created',
    header: () => m.col_created(),
    sortFn: 'byNumber',
    sortDescFirst: true,
    cell: (ctx) => <time dateTime={ctx.row.original.createdAt}>{formatDate(ctx.row.original.createdAt)}</time>,
  }),
])

export const CLIENT_SORT_IDS = ['name', 'email', 'phone', 'created'] as const
export const clientsWidths = { name: 'w-[34%]', email: 'w-[30%]', phone: 'w-[20%]', created: 'w-[16%]' }
