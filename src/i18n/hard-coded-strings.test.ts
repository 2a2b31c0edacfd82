import ts from 'typescript'
import { describe, expect, it } from 'vitest'

// Words a person reads come from messages/*.json, never from a literal in a component. This finds JSX text with a
// letter in it, and string literals given to the attributes and props that are read aloud or shown.
// Every component's source, read by Vite (no Node APIs in src/'s types): src/**/*.tsx except tests.
const SOURCES = import.meta.glob<string>(['../**/*.tsx', '!../**/*.test.tsx', '!../test/**'], { query: '?raw', import: 'default', eager: true })
const SHOWN = new Set(['aria-label', 'title', 'placeholder', 'alt', 'label', 'hint', 'copiedLabel', 'retryLabel', 'aria-valuetext', 'aria-description'])
/** Not words of the UI: the product's name, key names in the shortcut list. */
const ALLOWED = new Set(['Roster'])

function hardCoded(source: string, file = 'x.tsx'): string[] {
  const found: string[] = []
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX)
  const words = (text: string) => /\p{L}/u.test(text) && !ALLOWED.has(text.trim())
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && words(node.text)) found.push(node.text.trim())
    if (ts.isJsxAttribute(node) && SHOWN.has(node.name.getText(sf)) && node.initializer) {
      const init = node.initializer
      const literal = ts.isStringLiteral(init)
        ? init
        : ts.isJsxExpression(init) && init.expression && (ts.isStringLiteral(init.expression) || ts.isNoSubstitutionTemplateLiteral(init.expression))
          ? init.expression
          : null
      if (literal && words(literal.text)) found.push(`${node.name.getText(sf)}="${literal.text}"`)
      if (ts.isJsxExpression(init) && init.expression && ts.isTemplateExpression(init.expression) && words(init.expression.head.text))
        found.push(`${node.name.getText(sf)}={\`${init.expression.head.text}…\`}`)
    }
    ts.forEachChild(node, visit)
  }
  visit(sf)
  return found
}

describe('no hard-coded words in components', () => {
  it('finds the kinds of literal it is meant to catch', () => {
    expect(hardCoded('const a = <p>Hello</p>; const b = <input aria-label="Search" placeholder={"Name"} title={`Hi ${x}`} />')).toEqual([
      'Hello',
      'aria-label="Search"',
      'placeholder="Name"',
      'title={`Hi …`}',
    ])
    expect(hardCoded('const a = <p className="x">{m.hello()} — {n}</p>; const b = <b>Roster</b>')).toEqual([])
  })

  it('every .tsx under src/ shows its words through messages', () => {
    const files = Object.entries(SOURCES)
    expect(files.length).toBeGreaterThan(20)
    const offenders = files.flatMap(([file, source]) => hardCoded(source, file).map((text) => `${file}: ${text}`))
    expect(offenders).toEqual([])
  })
})
