import { useEffect, useRef, useState } from 'react'
import { useNavigate } from 'react-router-dom'
import { isTypingTarget } from '../lib/typing'
import { useLocale } from '../i18n/locale'
import { m } from '../paraglide/messages.js'

const GO: Record<string, string> = { c: '/clients', u: '/users', s: '/settings' }
const LIST: [string, () => string][] = [
  ['/', m.shortcut_search],
  ['g c', m.shortcut_clients],
  ['g u', m.shortcut_users],
  ['g s', m.shortcut_settings],
  ['?', m.shortcut_show],
  ['Esc', m.shortcut_close],
]

/** Keyboard shortcuts: `g c` / `g u` / `g s` navigate, `?` lists them; none fires while typing in a field. */
export function Shortcuts() {
  const navigate = useNavigate()
  useLocale()
  const [open, setOpen] = useState(false)
  const dialog = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    let pendingG = 0
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return
      if (e.key === '?') {
        e.preventDefault()
        setOpen(true)
      } else if (e.key === 'g') pendingG = Date.now()
      else if (GO[e.key] && Date.now() - pendingG < 1500) {
        pendingG = 0
        e.preventDefault()
        void navigate(GO[e.key]!)
      } else pendingG = 0
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [navigate])
  useEffect(() => {
    if (open && !dialog.current?.open) dialog.current?.showModal()
  }, [open])
  return (
    <dialog ref={dialog} aria-labelledby="shortcuts-title" onClose={() => setOpen(false)} className="m-auto rounded-lg bg-white p-6 text-slate-900 shadow-xl backdrop:bg-black/40 dark:bg-slate-900 dark:text-slate-100">
      <h2 id="shortcuts-title" className="mb-4 text-lg font-semibold">
        {m.shortcuts_title()}
      </h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
        {LIST.map(([keys, what]) => (
          <div key={keys} className="contents">
            <dt>
              <kbd className="rounded border border-slate-300 px-1.5 font-mono dark:border-slate-600">{keys}</kbd>
            </dt>
            <dd>{what()}</dd>
          </div>
        ))}
      </dl>
      <form method="dialog" className="mt-6 text-right">
        <button className="btn">{m.close()}</button>
      </form>
    </dialog>
  )
}
