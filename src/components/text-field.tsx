import { useId, type InputHTMLAttributes } from 'react'
import { describedBy, FieldMessage } from './field-message'

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange'> {
  label: string
  value: string
  onChange: (value: string) => void
  error?: string | null
  hint?: string
}

export function TextField({ label, value, onChange, error, hint, ...rest }: Props) {
  const id = useId()
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        className="input"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        spellCheck={false}
        {...describedBy(id, error, hint)}
        {...rest}
      />
      <FieldMessage id={id} error={error} hint={hint} />
    </div>
  )
}
