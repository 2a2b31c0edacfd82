import { useId, useLayoutEffect, useRef, useState } from 'react'
import { describedBy, FieldMessage } from './field-message'
import { m } from '../paraglide/messages.js'

interface Props {
  label: string
  value: string
  onChange: (value: string) => void
  error?: string | null
  hint?: string
}

/** A password input with a show/hide toggle; the value never leaves the component but through onChange. */
export function SecretInput({ label, value, onChange, error, hint }: Props) {
  const id = useId()
  const [shown, setShown] = useState(false)
  const ref = useRef<HTMLInputElement>(null)
  // Not a controlled input on purpose: React mirrors a controlled input's value into its `value` attribute,
  // which would put the secret in the page's markup (outerHTML, a saved page, CSS attribute selectors).
  // The value is written to the DOM property only, here, and read back through onChange.
  useLayoutEffect(() => {
    if (ref.current && ref.current.value !== value) ref.current.value = value
  }, [value])
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          ref={ref}
          id={id}
          type={shown ? 'text' : 'password'}
          className="input font-mono"
          onChange={(e) => onChange(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          {...describedBy(id, error, hint)}
        />
        <button type="button" className="btn shrink-0" aria-pressed={shown} onClick={() => setShown((s) => !s)}>
          {shown ? m.hide() : m.show()}
          <span className="sr-only"> {label}</span>
        </button>
      </div>
      <FieldMessage id={id} error={error} hint={hint} />
    </div>
  )
}
