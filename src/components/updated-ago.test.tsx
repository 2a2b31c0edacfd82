import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { UpdatedAgo } from './updated-ago'

describe('UpdatedAgo', () => {
  it('says how long ago', () => {
    render(<UpdatedAgo at={Date.UTC(2026, 0, 1, 12, 0, 0)} now={Date.UTC(2026, 0, 1, 12, 3, 0)} />)
    expect(screen.getByText('Updated 3 minutes ago')).toBeInTheDocument()
  })

  it('says "now", not "in 1 second", for data newer than the last clock reading', () => {
    render(<UpdatedAgo at={Date.UTC(2026, 0, 1, 12, 0, 1)} now={Date.UTC(2026, 0, 1, 12, 0, 0)} />)
    expect(screen.getByText('Updated now')).toBeInTheDocument()
  })

  it('reads "now" right after data arrives, with its own clock', () => {
    render(<UpdatedAgo at={Date.now() + 900} />)
    expect(screen.getByText('Updated now')).toBeInTheDocument()
  })
})
