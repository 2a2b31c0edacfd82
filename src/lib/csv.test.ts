import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { csvCell, datedFileName, toCsv } from './csv'

/** An independent RFC 4180 reader: records end with CRLF; quoted fields may hold anything. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(cell)
      cell = ''
    } else if (ch === '\r' && text[i + 1] === '\n') {
      rows.push([...row, cell])
      row = []
      cell = ''
      i++
    } else cell += ch
  }
  expect(quoted).toBe(false)
  expect(cell === '' && row.length === 0).toBe(true) // the text ends with a record terminator
  return rows
}

describe('csvCell: formula injection', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+7 (917) 423-62-78', "'+7 (917) 423-62-78"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\tTAB', "'\tTAB"],
  ])('neutralises %j with a leading apostrophe', (value, expected) => {
    expect(csvCell(value)).toBe(expected)
  })

  it('neutralises a formula that also needs quoting, and keeps its quotes', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","click")')).toBe(`"'=HYPERLINK(""http://evil.example"",""click"")"`)
    expect(csvCell('\r=1')).toBe(`"'\r=1"`)
  })

  it('leaves values alone that only contain those characters later on', () => {
    for (const value of ['a@example.com', '79174236278', 'Иванов-Петров', '1+1=2', 'Анна']) expect(csvCell(value)).toBe(value)
    expect(csvCell(42)).toBe('42')
    expect(csvCell(true)).toBe('true')
  })
})

describe('csvCell: quoting', () => {
  it('quotes commas, quotes and line breaks, doubling the quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
    expect(csvCell('cr\rlf')).toBe('"cr\rlf"')
  })

  it('quotes leading and trailing spaces so that a spreadsheet keeps them', () => {
    expect(csvCell(' x')).toBe('" x"')
    expect(csvCell('x ')).toBe('"x "')
  })
})

describe('toCsv', () => {
  it('starts with a UTF-8 BOM, ends every row with CRLF and keeps Cyrillic as is', () => {
    const csv = toCsv(['Client ID', 'Last name'], [[1, 'Иванов'], [2, 'Ёлкин, Пётр']])
    expect(csv).toBe('\uFEFFClient ID,Last name\r\n1,Иванов\r\n2,"Ёлкин, Пётр"\r\n')
    expect([...new TextEncoder().encode(csv).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  })

  it('gives the header alone for no rows', () => {
    expect(toCsv(['ID'], [])).toBe('\uFEFFID\r\n')
  })

  it('round-trips any text through an RFC 4180 reader, with every risky cell neutralised', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'Я', ' ', ',', '"', '\r', '\n', '\t', '=', '+', '-', '@', "'") })
    fc.assert(
      fc.property(fc.array(fc.array(text, { minLength: 2, maxLength: 2 }), { maxLength: 5 }), (rows) => {
        const csv = toCsv(['A', 'B'], rows)
        expect(csv.startsWith('\uFEFF')).toBe(true)
        const [header, ...read] = parseCsv(csv.slice(1))
        expect(header).toEqual(['A', 'B'])
        expect(read).toEqual(rows.map((row) => row.map((cell) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell))))
        for (const row of read) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/)
      }),
    )
  })
})

describe('datedFileName', () => {
  it('names the file after the local calendar day, zero-padded', () => {
    expect(datedFileName('clients', new Date(2026, 0, 5, 0, 0, 1))).toBe('clients-2026-01-05.csv')
    expect(datedFileName('users', new Date(2025, 11, 31, 23, 59, 59))).toBe('users-2025-12-31.csv')
  })
})
