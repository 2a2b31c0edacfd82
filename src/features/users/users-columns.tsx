import { createColumnHelper } from '@tanstack/react-table'
import { Avatar } from '../../components/avatar'
import { CopyButton } from '../../components/copy-button'
import type { sortingFeatures } from '../../components/sorting'
import type { User } from './user-model'
import { m } from '../../paraglide/messages.js'

const helper = createColumnHelper<typeof sortingFeatures, User>()
const COPY_ID = 'rounded px-1 text-xs text-slate-600 hover:bg-slate-200 dark:text-slate-300 dark:hover:bg-slate-700'

export const usersColumns = helper.columns([
  helper.accessor('fullName', {
    id: 'name',
    header: () => m.col_user(),
    sortFn: 'byText',
    cell: (ctx) => {
      const u = ctx.row.original
      return (
        <div className="flex min-w-0 items-center gap-3">
          <Avatar initials={u.initials} colourKey={u.id} />
          <span className="truncate" title={u.fullName}>
            {u.fullName || <span className="muted">{m.no_name()}</span>}
          </span>
        </div>
      )
    },
  }),
  helper.accessor('id', {
    id: 'id',
    header: () => m.col_id(),
    sortFn: 'byText',
    cell: (ctx) => (
      <div className="flex min-w-0 items-center gap-1">
        <code className="truncate font-mono text-xs" title={ctx.row.original.id}>
          {ctx.row.original.id}
        </code>
        <CopyButton value={ctx.row.original.id} label={m.copy_id({ id: ctx.row.original.id })} copiedLabel={m.id_copied()} className={COPY_ID} />
      </div>
    ),
  }),
  helper.accessor((u) => (u.isGuest ? 'Guest' : 'Member'), {
    id: 'type',
    header: () => m.col_type(),
    sortFn: 'byText',
    cell: (ctx) =>
      ctx.row.original.isGuest ? (
        <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-900 dark:text-amber-100">{m.guest()}</span>
      ) : (
        <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-800 dark:bg-slate-800 dark:text-slate-100">{m.member()}</span>
      ),
  }),
])

export const USER_SORT_IDS = ['name', 'id', 'type'] as const
export const usersWidths = { name: 'w-[45%]', id: 'w-[40%]', type: 'w-[15%]' }
