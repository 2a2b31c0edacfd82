import { render, screen } from '@testing-library/react'
import { MemoryRouter } from 'react-router-dom'
import * as v from 'valibot'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ErrorPanel } from '../components/error-panel'
import { SignedInUser } from '../components/signed-in-user'
import { fetchJson, isApiError } from './http.ts'
import type * as session from './session.ts'
import { goToSignIn } from './session.ts'

vi.mock('./session.ts', async (importOriginal) => ({ ...(await importOriginal<typeof session>()), goToSignIn: vi.fn() }))

const schema = v.object({ ok: v.boolean() })
const request = (base = '/api/clients') => fetchJson({ api: 'Clients', base, path: '/clients', schema }).then(() => null, (e: unknown) => e)

afterEach(() => {
  vi.unstubAllGlobals()
  vi.mocked(goToSignIn).mockClear()
  document.head.querySelector('meta[name="roster-user"]')?.remove()
})

describe('a 401 from the sign-in gate', () => {
  it('is its own kind, and leads to the sign-in page', async () => {
    vi.stubGlobal('fetch', async () => Response.json({ error: 'Sign-in required' }, { status: 401, headers: { 'X-Roster-Sign-In': 'required' } }))
    const error = await request()
    expect(isApiError(error) && error.kind).toBe('sign-in')
    expect(goToSignIn).toHaveBeenCalledTimes(1)
    render(
      <MemoryRouter>
        <ErrorPanel error={error} />
      </MemoryRouter>,
    )
    expect(screen.getByText('Your session has ended.')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Sign in again' })).toHaveAttribute('href', '/sign-in?next=%2F')
  })

  it("is not the API's own 401 (a wrong token), nor a 401 from another origin", async () => {
    vi.stubGlobal('fetch', async () => Response.json({ error: 'Invalid token' }, { status: 401 }))
    expect(await request()).toMatchObject({ kind: 'http', status: 401 })
    vi.stubGlobal('fetch', async () => Response.json({ error: 'Sign-in required' }, { status: 401, headers: { 'X-Roster-Sign-In': 'required' } }))
    expect(await request('https://api.example.com/v0')).toMatchObject({ kind: 'http', status: 401 })
    expect(goToSignIn).not.toHaveBeenCalled()
  })
})

describe('SignedInUser', () => {
  it('shows who the server says is signed in, and a Sign out form', () => {
    const meta = document.createElement('meta')
    meta.name = 'roster-user'
    meta.content = 'alice'
    document.head.append(meta)
    render(<SignedInUser />)
    expect(screen.getByText('alice')).toBeInTheDocument()
    const button = screen.getByRole('button', { name: 'Sign out' })
    expect(button.closest('form')).toHaveAttribute('action', '/auth/sign-out')
    expect(button.closest('form')).toHaveAttribute('method', 'post')
  })

  it('shows nothing when sign-in is off', () => {
    const { container } = render(<SignedInUser />)
    expect(container).toBeEmptyDOMElement()
  })
})
