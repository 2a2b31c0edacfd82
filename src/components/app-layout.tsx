import { useRef, useState } from 'react'
import { NavLink, Outlet } from 'react-router-dom'
import { useAccess } from '../lib/access'
import { dismissSettingsNotice, useSettings } from '../lib/settings'
import { ActivityPanel } from './activity-panel'
import { OfflineBanner } from './offline-banner'
import { Shortcuts } from './shortcuts'
import { SignedInUser } from './signed-in-user'
import { ThemeSelect } from './theme-select'
import { useLocale } from '../i18n/locale'
import { m } from '../paraglide/messages.js'
import { LanguageSelect } from './language-select'

const navClass = ({ isActive }: { isActive: boolean }) =>
  `rounded-md px-3 py-1.5 text-sm font-medium ${isActive ? 'bg-slate-900 text-white dark:bg-white dark:text-slate-900' : 'text-slate-700 hover:bg-slate-200 dark:text-slate-200 dark:hover:bg-slate-800'}`

export function AppLayout() {
  const { notice } = useSettings()
  useLocale()
  const { clients, users } = useAccess()
  const demo = clients.demo || users.demo
  const [menuOpen, setMenuOpen] = useState(false)
  const menuButton = useRef<HTMLButtonElement>(null)
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 btn">
        {m.skip_to_content()}
      </a>
      <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <span className="text-lg font-bold tracking-tight">Roster</span>
          {/* Below 640 px the links fold into a menu button. */}
          <button ref={menuButton} type="button" className="btn ml-auto sm:hidden" aria-expanded={menuOpen} aria-controls="main-nav" onClick={() => setMenuOpen((o) => !o)}>
            {m.menu()}
          </button>
          <nav
            id="main-nav"
            aria-label={m.nav_main()}
            className={`${menuOpen ? 'flex' : 'hidden'} w-full flex-col gap-1 sm:flex sm:w-auto sm:flex-row`}
            onClick={() => setMenuOpen(false)}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && menuOpen) {
                setMenuOpen(false)
                menuButton.current?.focus()
              }
            }}
          >
            <NavLink to="/clients" className={navClass}>
              {m.nav_clients()}
            </NavLink>
            <NavLink to="/users" className={navClass}>
              {m.nav_users()}
            </NavLink>
            <NavLink to="/settings" className={navClass}>
              {m.nav_settings()}
            </NavLink>
          </nav>
          <div className={`${menuOpen ? 'flex' : 'hidden'} flex-wrap items-center gap-3 sm:ml-auto sm:flex`}>
            <LanguageSelect />
            <ThemeSelect />
            <SignedInUser />
          </div>
        </div>
      </header>
      <OfflineBanner />
      {demo && (
        <div role="note" className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-center text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          {clients.demo && users.demo ? m.demo_both() : clients.demo ? m.demo_clients() : m.demo_users()}
        </div>
      )}
      {notice && (
        <div role="alert" className="flex items-center justify-center gap-4 border-b border-red-300 bg-red-50 px-4 py-2 text-sm text-red-900 dark:bg-red-950 dark:text-red-100">
          <span>{notice}</span>
          <button type="button" className="btn" onClick={dismissSettingsNotice}>
            {m.dismiss()}
          </button>
        </div>
      )}
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        <Outlet />
      </main>
      <ActivityPanel />
      <Shortcuts />
    </div>
  )
}
