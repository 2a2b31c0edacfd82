import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter } from 'react-router-dom'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { SECRETS_KEY, SETTINGS_KEY, getSettings, resetSettingsForTests, saveSettings } from '../../lib/settings'
import { SettingsPage } from './settings-page'

const demoHealth = {
  clients: { mode: 'demo', target: null, credentials: 'browser' },
  bluedolphin: { mode: 'demo', target: null, credentials: 'browser' },
}

type Handler = (url: string, init: RequestInit | undefined) => Response | Promise<Response>
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

let apiHandler: Handler
let fetchMock: ReturnType<typeof vi.fn>

beforeEach(() => {
  resetSettingsForTests()
  apiHandler = () => {
    throw new Error('no API call expected in this test')
  }
  fetchMock = vi.fn((input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input)
    if (new URL(url, 'http://localhost').pathname === '/api/health') return Promise.resolve(json(demoHealth))
    return Promise.resolve(apiHandler(url, init))
  })
  vi.stubGlobal('fetch', fetchMock)
})

afterEach(() => {
  vi.unstubAllGlobals()
  resetSettingsForTests()
})

function renderPage(queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })) {
  const user = userEvent.setup()
  render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={['/settings']}>
        <SettingsPage />
      </MemoryRouter>
    </QueryClientProvider>,
  )
  return { user, queryClient }
}

/** The API calls made (not the health check), with their headers. */
function apiCalls() {
  return fetchMock.mock.calls
    .map(([input, init]) => ({ url: String(input), headers: new Headers((init as RequestInit | undefined)?.headers) }))
    .filter((call) => !call.url.endsWith('/api/health'))
}

const field = (name: string) => screen.getByLabelText(name, { selector: 'input' })
const status = () => screen.getByRole('status')

describe('SettingsPage', () => {
  it('has every labelled field, password inputs for the secrets with a show/hide toggle, and the buttons', async () => {
    const { user } = renderPage()
    expect(screen.getByRole('heading', { level: 1, name: 'Settings' })).toBeInTheDocument()
    for (const name of ['Clients API base URL', 'BlueDolphin API base URL', 'Tenant']) expect(screen.getByRole('textbox', { name })).toBe(field(name))
    for (const name of ['Bearer token', 'API key']) expect(field(name)).toHaveAttribute('type', 'password')
    for (const name of ['Save', 'Test Clients API', 'Test BlueDolphin API', 'Use demo credentials', 'Forget credentials']) {
      expect(screen.getByRole('button', { name })).toBeInTheDocument()
    }
    expect(screen.getByRole('checkbox', { name: /Remember on this device/ })).not.toBeChecked()

    // jsdom's name computation drops the space before the visually hidden label, hence \s*.
    const toggle = screen.getByRole('button', { name: /^Show\s*Bearer token$/ })
    expect(toggle).toHaveAttribute('aria-pressed', 'false')
    await user.click(toggle)
    expect(field('Bearer token')).toHaveAttribute('type', 'text')
    expect(screen.getByRole('button', { name: /^Hide\s*Bearer token$/ })).toHaveAttribute('aria-pressed', 'true')
    await user.click(screen.getByRole('button', { name: /^Hide\s*Bearer token$/ }))
    expect(field('Bearer token')).toHaveAttribute('type', 'password')
    // The other secret is untouched by this toggle.
    expect(field('API key')).toHaveAttribute('type', 'password')
  })

  it('starts from the saved values', () => {
    saveSettings({ clientsBase: 'https://clients.example.com', usersBase: '/api/bluedolphin', tenant: 'acme', remember: true }, { token: 't1', apiKey: 'k1' })
    renderPage()
    expect(field('Clients API base URL')).toHaveValue('https://clients.example.com')
    expect(field('Bearer token')).toHaveValue('t1')
    expect(field('API key')).toHaveValue('k1')
    expect(field('Tenant')).toHaveValue('acme')
    expect(screen.getByRole('checkbox', { name: /Remember on this device/ })).toBeChecked()
  })

  it('marks an invalid base URL with its reason and does not save', async () => {
    const { user } = renderPage()
    const base = field('Clients API base URL')
    await user.clear(base)
    await user.type(base, 'ftp://files.example.com/clients')
    await user.click(screen.getByRole('button', { name: 'Save' }))

    expect(base).toHaveAttribute('aria-invalid', 'true')
    const describedBy = base.getAttribute('aria-describedby')
    expect(describedBy).toBeTruthy()
    expect(document.getElementById(describedBy!)).toHaveTextContent(/http\(s\) URL/)
    expect(base).toHaveAccessibleDescription(/http\(s\) URL/)
    expect(status()).toHaveTextContent(/not saved/i)
    expect(status()).not.toHaveTextContent('Settings saved')
    expect(localStorage.getItem(SETTINGS_KEY)).toBeNull()
    // The other base URL is valid and is not marked.
    expect(field('BlueDolphin API base URL')).not.toHaveAttribute('aria-invalid')
  })

  it('marks a URL with credentials in it, and clears the mark once fixed and saved', async () => {
    const { user } = renderPage()
    const base = field('BlueDolphin API base URL')
    await user.clear(base)
    await user.type(base, 'https://me:secret@public-api.eu.bluedolphin.app/v1')
    await user.click(screen.getByRole('button', { name: 'Save' }))
    expect(base).toHaveAttribute('aria-invalid', 'true')
    expect(base).toHaveAccessibleDescription(/credentials/i)

    await user.clear(base)
    await user.type(base, 'https://public-api.eu.bluedolphin.app/v1')
    await user.click(screen.getByRole('button', { name: 'Save' }))
    expect(base).not.toHaveAttribute('aria-invalid')
    expect(status()).toHaveTextContent('Settings saved')
  })

  it('asks for the tenant when an API key is given without one', async () => {
    const { user } = renderPage()
    await user.type(field('API key'), 'some-key')
    await user.click(screen.getByRole('button', { name: 'Save' }))
    expect(field('Tenant')).toHaveAttribute('aria-invalid', 'true')
    expect(field('Tenant')).toHaveAccessibleDescription(/tenant/i)
    expect(status()).toHaveTextContent(/not saved/i)
  })

  it('saves valid values: status Settings saved, the secrets in this tab only', async () => {
    const { user } = renderPage()
    await user.type(field('Bearer token'), 'my-token')
    await user.type(field('API key'), 'my-key')
    await user.type(field('Tenant'), '  acme  ')
    await user.click(screen.getByRole('button', { name: 'Save' }))

    expect(status()).toHaveTextContent('Settings saved')
    expect(JSON.parse(localStorage.getItem(SETTINGS_KEY)!)).toMatchObject({ version: 1, clientsBase: '/api/clients', usersBase: '/api/bluedolphin', tenant: 'acme', remember: false })
    expect(JSON.parse(sessionStorage.getItem(SECRETS_KEY)!)).toEqual({ token: 'my-token', apiKey: 'my-key' })
    expect(localStorage.getItem(SECRETS_KEY)).toBeNull()
    expect(getSettings().secrets).toEqual({ token: 'my-token', apiKey: 'my-key' })
  })

  it('keeps the secrets in localStorage only when Remember on this device is checked', async () => {
    const { user } = renderPage()
    await user.type(field('Bearer token'), 'kept-token')
    await user.click(screen.getByRole('checkbox', { name: /Remember on this device/ }))
    await user.click(screen.getByRole('button', { name: 'Save' }))
    expect(status()).toHaveTextContent('Settings saved')
    expect(JSON.parse(localStorage.getItem(SECRETS_KEY)!)).toMatchObject({ token: 'kept-token' })
    expect(sessionStorage.getItem(SECRETS_KEY)).toBeNull()
  })

  it('Use demo credentials fills the default base URLs and the demo credentials (not saved yet)', async () => {
    const { user } = renderPage()
    await user.clear(field('Clients API base URL'))
    await user.type(field('Clients API base URL'), 'https://elsewhere.example.com')
    await user.click(screen.getByRole('button', { name: 'Use demo credentials' }))
    expect(field('Clients API base URL')).toHaveValue('/api/clients')
    expect(field('BlueDolphin API base URL')).toHaveValue('/api/bluedolphin')
    expect(field('Bearer token')).toHaveValue('demo-token')
    expect(field('API key')).toHaveValue('demo-key')
    expect(field('Tenant')).toHaveValue('demo')
    expect(localStorage.getItem(SETTINGS_KEY)).toBeNull()
  })

  it('Forget credentials empties the secret fields and removes every stored copy', async () => {
    saveSettings({ clientsBase: '/api/clients', usersBase: '/api/bluedolphin', tenant: 'acme', remember: true }, { token: 'old-token', apiKey: 'old-key' })
    sessionStorage.setItem(SECRETS_KEY, JSON.stringify({ token: 'old-token', apiKey: 'old-key' }))
    const { user } = renderPage()
    await user.click(screen.getByRole('button', { name: 'Forget credentials' }))
    expect(field('Bearer token')).toHaveValue('')
    expect(field('API key')).toHaveValue('')
    expect(localStorage.getItem(SECRETS_KEY)).toBeNull()
    expect(sessionStorage.getItem(SECRETS_KEY)).toBeNull()
    expect(status()).toHaveTextContent(/forgotten/i)
  })

  it('Test Clients API tests the token typed in the form, before saving', async () => {
    apiHandler = (url) => {
      expect(new URL(url, 'http://localhost').pathname).toBe('/api/clients/clients')
      return json({ success: true, client: [{}, {}, {}] })
    }
    const { user } = renderPage()
    await user.type(field('Bearer token'), 'unsaved-token')
    await user.click(screen.getByRole('button', { name: 'Test Clients API' }))
    expect(await screen.findByText('Clients API OK: 3 clients.')).toBeInTheDocument()
    const calls = apiCalls()
    expect(calls).toHaveLength(1)
    expect(calls[0]!.headers.get('Authorization')).toBe('Bearer unsaved-token')
    // The token is not in the URL.
    expect(calls[0]!.url).not.toContain('unsaved-token')
  })

  it('Test Clients API says when the token is rejected', async () => {
    apiHandler = () => json({ success: false, error: 'Unauthorized' }, 401)
    const { user } = renderPage()
    await user.type(field('Bearer token'), 'wrong-token-for-test')
    await user.click(screen.getByRole('button', { name: 'Test Clients API' }))
    expect(await screen.findByRole('status')).toHaveTextContent(/Clients API: the credentials were rejected/)
    expect(status()).not.toHaveTextContent('wrong-token-for-test')
  })

  it('Test BlueDolphin API sends the key and tenant and reports 401 and 403', async () => {
    let answer = 401
    apiHandler = () => json({ title: 'Unauthorized', status: answer }, answer)
    const { user } = renderPage()
    await user.type(field('API key'), 'k')
    await user.type(field('Tenant'), 'acme')
    const button = screen.getByRole('button', { name: 'Test BlueDolphin API' })
    await user.click(button)
    await vi.waitFor(() => expect(status()).toHaveTextContent(/BlueDolphin API: the credentials were rejected/))

    answer = 403
    await user.click(button)
    await vi.waitFor(() => expect(status()).toHaveTextContent(/only BlueDolphin administrators/))

    const calls = apiCalls()
    expect(calls).toHaveLength(2)
    expect(calls[0]!.headers.get('x-api-key')).toBe('k')
    expect(calls[0]!.headers.get('tenant')).toBe('acme')
    expect(new URL(calls[0]!.url, 'http://localhost').searchParams.get('take')).toBe('1')
  })

  it('does not call an API when the fields to test are invalid', async () => {
    const { user } = renderPage()
    await user.clear(field('Clients API base URL'))
    await user.type(field('Clients API base URL'), 'javascript:alert(1)')
    await user.click(screen.getByRole('button', { name: 'Test Clients API' }))
    expect(status()).toHaveTextContent(/Fix the marked fields/)
    expect(field('Clients API base URL')).toHaveAttribute('aria-invalid', 'true')
    expect(apiCalls()).toHaveLength(0)
  })

  it('saving a new tenant drops the cached users, and a new token drops the cached clients', async () => {
    saveSettings({ clientsBase: '/api/clients', usersBase: '/api/bluedolphin', tenant: 'old', remember: false }, { token: 't', apiKey: 'k' })
    const queryClient = new QueryClient()
    queryClient.setQueryData(['users', 'infinite', { scope: '/api/bluedolphin|old' }], { pages: [], pageParams: [] })
    queryClient.setQueryData(['clients', 'list', { scope: '/api/clients' }], [])
    const { user } = renderPage(queryClient)

    await user.clear(field('Tenant'))
    await user.type(field('Tenant'), 'new')
    await user.click(screen.getByRole('button', { name: 'Save' }))
    expect(status()).toHaveTextContent('Settings saved')
    expect(queryClient.getQueryCache().findAll({ queryKey: ['users'] })).toHaveLength(0)
    expect(queryClient.getQueryCache().findAll({ queryKey: ['clients'] })).toHaveLength(1)

    await user.clear(field('Bearer token'))
    await user.type(field('Bearer token'), 't2')
    await user.click(screen.getByRole('button', { name: 'Save' }))
    expect(queryClient.getQueryCache().findAll({ queryKey: ['clients'] })).toHaveLength(0)
    expect(within(document.body).queryByText('t2')).toBeNull()
  })
})
