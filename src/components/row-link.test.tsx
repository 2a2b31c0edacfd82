import { fireEvent, render, screen } from '@testing-library/react'
import { MemoryRouter, Route, Routes } from 'react-router-dom'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { useRowLinkClick } from './row-link'

function List() {
  const onClick = useRowLinkClick()
  return (
    <div onClick={onClick}>
      <a href="/clients/7" data-row-link="">
        Петров Алексей
      </a>
      <a href="/clients/8">Not a row link</a>
      <a href="https://elsewhere.example/" data-row-link="">
        Elsewhere
      </a>
    </div>
  )
}

function renderList() {
  render(
    <MemoryRouter initialEntries={['/clients']}>
      <Routes>
        <Route path="/clients" element={<List />} />
        <Route path="/clients/:id" element={<h1>Profile</h1>} />
      </Routes>
    </MemoryRouter>,
  )
}

// Whether the app took each click (prevented the browser's navigation). Then every click is stopped
// here, after the app has seen it: jsdom cannot load another document.
let taken: boolean[] = []
const record = (event: Event) => {
  taken.push(event.defaultPrevented)
  event.preventDefault()
}
beforeEach(() => {
  taken = []
  document.addEventListener('click', record)
})
afterEach(() => document.removeEventListener('click', record))

describe('useRowLinkClick', () => {
  it('follows a row link in the app on a plain left click', () => {
    renderList()
    fireEvent.click(screen.getByRole('link', { name: 'Петров Алексей' }))
    expect(taken).toEqual([true])
    expect(screen.getByRole('heading', { name: 'Profile' })).toBeInTheDocument()
  })

  it('leaves a click with a modifier key or another button, other links and other sites to the browser', () => {
    renderList()
    const link = screen.getByRole('link', { name: 'Петров Алексей' })
    for (const init of [{ ctrlKey: true }, { metaKey: true }, { shiftKey: true }, { altKey: true }, { button: 1 }]) fireEvent.click(link, init)
    fireEvent.click(screen.getByRole('link', { name: 'Not a row link' }))
    fireEvent.click(screen.getByRole('link', { name: 'Elsewhere' }))
    expect(taken).toEqual([false, false, false, false, false, false, false])
    expect(screen.queryByRole('heading', { name: 'Profile' })).toBeNull()
  })
})
