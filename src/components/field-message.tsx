/** The error (or else the hint) under a form field, with the ids its input points at. */
export function describedBy(id: string, error?: string | null, hint?: string) {
  return {
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : hint ? `${id}-hint` : undefined,
  }
}

export function FieldMessage({ id, error, hint }: { id: string; error?: string | null; hint?: string }) {
  if (error)
    return (
      <p id={`${id}-error`} className="text-sm text-red-700 dark:text-red-400">
        {error}
      </p>
    )
  if (hint)
    return (
      <p id={`${id}-hint`} className="muted">
        {hint}
      </p>
    )
  return null
}
