import { act, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Link, Outlet } from 'react-router-dom'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useUrlParams, useUrlText } from './lib/use-url-params'
import { AppRouter, preloadScreen } from './router'

// The real router with stand-in screens: what is checked is the routing around them (chunks, the loading
// state, the error boundary, URL writes), not the screens.
const hooks = vi.hoisted(() => {
  let openProfile: () => void = () => undefined
  return {
    profileChunk: new Promise<void>((resolve) => (openProfile = resolve)),
    openProfile: () => openProfile(),
    usersLoads: 0,
    crash: false,
    crashList: false,
    sortShownInClick: [] as string[],
  }
})

vi.mock('./components/app-layout', () => ({
  AppLayout: () => (
    <>
      <nav aria-label="Main">
        <Link to="/clients">Clients</Link>
        <Link to="/users">Users</Link>
      </nav>
      <Outlet />
    </>
  ),
}))

vi.mock('./features/clients/clients-page', () => ({
  ClientsPage: function ClientsPage() {
    if (hooks.crashList) throw new Error('list broke')
    const [params, update] = useUrlParams()
    const [q, setQ] = useUrlText('q', params, update)
    const sort = params.get('sort') ?? 'none'
    return (
      <section>
        <h1>Clients list</h1>
        <input aria-label="Search" value={q} onChange={(e) => setQ(e.target.value)} />
        <button
          type="button"
          onClick={() => {
            update((p) => p.set('sort', sort === 'name' ? '-name' : 'name'))
            hooks.sortShownInClick.push(screen.getByTestId('sort').textContent!)
          }}
        >
          Sort
        </button>
        <output data-testid="sort">{sort}</output>
        <Link to="/clients/7">Client 7</Link>
      </section>
    )
  },
}))

// The profile's chunk arrives when the test says so.
vi.mock('./features/clients/client-page', async () => {
  await hooks.profileChunk
  return { ClientPage: () => <h1>Client profile</h1> }
})

vi.mock('./features/users/users-page', () => {
  hooks.usersLoads++
  return {
    UsersPage: function UsersPage() {
      if (hooks.crash) throw new Error('users screen broke')
      return <h1>Users list</h1>
    },
  }
})

vi.mock('./features/settings/settings-page', () => ({ SettingsPage: () => <h1>Settings form</h1> }))

function open(path: string) {
  window.history.replaceState(null, '', path)
  return render(<AppRouter />)
}

const here = () => window.location.pathname + window.location.search

beforeEach(() => {
  hooks.crash = false
  hooks.crashList = false
  hooks.sortShownInClick.length = 0
})

afterEach(() => {
  vi.restoreAllMocks()
})

describe('AppRouter', () => {
  it('shows Loading Roster… while a screen’s code loads, then the screen', async () => {
    open('/settings')
    expect(screen.getByRole('status')).toHaveTextContent('Loading Roster…')
    expect(await screen.findByRole('heading', { name: 'Settings form' })).toBeInTheDocument()
    expect(screen.queryByRole('status')).not.toBeInTheDocument()
  })

  it('sends / to /clients, and an unknown address to Page not found', async () => {
    const { unmount } = open('/')
    expect(await screen.findByRole('heading', { name: 'Clients list' })).toBeInTheDocument()
    expect(here()).toBe('/clients')
    unmount()
    open('/no/such/page')
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument()
  })

  it('preloadScreen starts downloading the screen of an address before anything renders it', async () => {
    const before = hooks.usersLoads
    preloadScreen('/users')
    await waitFor(() => expect(hooks.usersLoads).toBe(before + 1))
    preloadScreen('/nothing-here')
  })

  it('a click on sort shows the new order before the click handler returns, and writes ?sort=', async () => {
    const user = userEvent.setup()
    open('/clients')
    const sort = await screen.findByRole('button', { name: 'Sort' })
    const entries = window.history.length
    await user.click(sort)
    expect(hooks.sortShownInClick).toEqual(['name'])
    expect(here()).toBe('/clients?sort=name')
    await user.click(sort)
    expect(hooks.sortShownInClick).toEqual(['name', '-name'])
    expect(here()).toBe('/clients?sort=-name')
    // replaced, not pushed: Back leaves the list instead of stepping through sort orders
    expect(window.history.length).toBe(entries)
  })

  it('writes ?q= once typing pauses, and follows a URL change it did not make', async () => {
    const user = userEvent.setup()
    open('/clients')
    await user.type(await screen.findByRole('textbox', { name: 'Search' }), 'ива')
    expect(here()).toBe('/clients')
    await waitFor(() => expect(new URLSearchParams(window.location.search).get('q')).toBe('ива'))
    await user.click(screen.getByRole('link', { name: 'Clients' }))
    expect(screen.getByRole('textbox', { name: 'Search' })).toHaveValue('')
    await new Promise((r) => setTimeout(r, 400))
    expect(here()).toBe('/clients')
  })

  it('a search still waiting to be written never replaces a navigation to a screen whose code is loading', async () => {
    const user = userEvent.setup()
    open('/clients')
    await user.type(await screen.findByRole('textbox', { name: 'Search' }), 'abc')
    await user.click(screen.getByRole('link', { name: 'Client 7' }))
    // The list is gone at once; the profile's code has not arrived.
    expect(screen.getByRole('status')).toHaveTextContent('Loading Roster…')
    expect(screen.queryByRole('heading', { name: 'Clients list' })).not.toBeInTheDocument()
    await new Promise((r) => setTimeout(r, 400)) // past the search's 300 ms pause
    expect(here()).toBe('/clients/7')
    await act(async () => hooks.openProfile())
    expect(await screen.findByRole('heading', { name: 'Client profile' })).toBeInTheDocument()
    expect(here()).toBe('/clients/7')
  })

  it('a screen that throws shows Something went wrong; a navigation away renders again', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined) // React reports the caught error
    const user = userEvent.setup()
    hooks.crash = true
    open('/users')
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('Something went wrong')
    expect(alert).toHaveTextContent('This screen stopped working. Your settings are safe; reload the page or go back to the list.')
    expect(screen.getByRole('button', { name: 'Reload' })).toBeInTheDocument()
    await user.click(screen.getByRole('link', { name: 'Back to clients' }))
    expect(await screen.findByRole('heading', { name: 'Clients list' })).toBeInTheDocument()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    // Back to the broken screen: caught again, and the nav gets away again once it works.
    await user.click(screen.getByRole('link', { name: 'Users' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('Something went wrong')
    hooks.crash = false
    await act(async () => window.history.back())
    expect(await screen.findByRole('heading', { name: 'Clients list' })).toBeInTheDocument()
  })

  it('Back to clients on the list that threw tries the list again', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const user = userEvent.setup()
    hooks.crashList = true
    open('/clients')
    expect(await screen.findByRole('alert')).toHaveTextContent('Something went wrong')
    hooks.crashList = false
    await user.click(screen.getByRole('link', { name: 'Back to clients' }))
    expect(await screen.findByRole('heading', { name: 'Clients list' })).toBeInTheDocument()
    expect(here()).toBe('/clients')
  })
})
