import { useEffect, useState } from 'react'
import { m } from '../paraglide/messages.js'

interface Props {
  value: string
  /** the accessible name before copying, e.g. "Copy email" */
  label: string
  /** the accessible name for a moment after, e.g. "Email copied" */
  copiedLabel: string
  className: string
}

/** Copies a value; says "Copied" for 1.5 s. A refused clipboard leaves the value selectable as it is. */
export function CopyButton({ value, label, copiedLabel, className }: Props) {
  const [copied, setCopied] = useState(false)
  useEffect(() => {
    if (!copied) return
    const id = setTimeout(() => setCopied(false), 1500)
    return () => clearTimeout(id)
  }, [copied])
  const copy = () => navigator.clipboard.writeText(value).then(
    () => setCopied(true),
    () => setCopied(false),
  )
  return (
    <button type="button" className={className} onClick={() => void copy()} aria-label={copied ? copiedLabel : label}>
      {copied ? m.copied() : m.copy()}
    </button>
  )
}
