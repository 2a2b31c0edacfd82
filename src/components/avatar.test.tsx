import { act, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Avatar, safeImageUrl } from './avatar'

const URL_1 = 'https://pictures.example/1.jpg'

describe('Avatar', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('asks for the picture at once by default (a profile)', () => {
    const { container } = render(<Avatar initials="АП" colourKey="1" src={URL_1} alt="Profile picture of Петров Алексей" />)
    expect(container.querySelector('img')).toHaveAttribute('src', URL_1)
    expect(screen.getByText('АП')).toBeInTheDocument()
  })

  it('with loadAfterMs shows only the initials until the row has stayed that long, then asks for the picture', () => {
    const { container } = render(<Avatar initials="АП" colourKey="1" src={URL_1} loadAfterMs={200} />)
    expect(container.querySelector('img')).toBeNull()
    act(() => vi.advanceTimersByTime(199))
    expect(container.querySelector('img')).toBeNull()
    act(() => vi.advanceTimersByTime(1))
    expect(container.querySelector('img')).toHaveAttribute('src', URL_1)
  })

  it('never asks for the picture of a row that left before its time', () => {
    const { container, unmount } = render(<Avatar initials="АП" colourKey="1" src={URL_1} loadAfterMs={200} />)
    expect(vi.getTimerCount()).toBe(1)
    unmount()
    expect(vi.getTimerCount()).toBe(0)
    act(() => vi.advanceTimersByTime(1000))
    expect(container.querySelector('img')).toBeNull()
  })
})

describe('safeImageUrl', () => {
  it('keeps absolute http(s) URLs and nothing else, the same answer every time', () => {
    for (let i = 0; i < 2; i++) {
      expect(safeImageUrl(URL_1)).toBe(URL_1)
      expect(safeImageUrl('http://127.0.0.1/a.png')).toBe('http://127.0.0.1/a.png')
      expect(safeImageUrl('javascript:alert(1)')).toBeNull()
      expect(safeImageUrl('data:image/png;base64,AAAA')).toBeNull()
      expect(safeImageUrl('/api/clients/x.png')).toBeNull()
      expect(safeImageUrl('//evil.example/x.png')).toBeNull()
      expect(safeImageUrl('')).toBeNull()
      expect(safeImageUrl(undefined)).toBeNull()
    }
  })
})
