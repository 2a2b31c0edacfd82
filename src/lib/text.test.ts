import { describe, expect, it } from 'vitest'
import { collator, digitsOf, initialsOf, joinName, matchesWords, normalizeText, parseSearch } from './text'

describe('normalizeText', () => {
  it('lower-cases and folds ё into е, in either case', () => {
    expect(normalizeText('Семён')).toBe('семен')
    expect(normalizeText('ЁЛКИН')).toBe('елкин')
    expect(normalizeText('Ёлкин')).toBe(normalizeText('Елкин'))
  })

  it('folds runs of white space and trims', () => {
    expect(normalizeText('  Иванов \t Иван\n Иванович  ')).toBe('иванов иван иванович')
    expect(normalizeText('   ')).toBe('')
  })
})

describe('digitsOf', () => {
  it('keeps only the digits of a formatted phone number', () => {
    expect(digitsOf('+7 (917) 423-62-78')).toBe('79174236278')
    expect(digitsOf('8.917.423')).toBe('8917423')
    expect(digitsOf('no digits')).toBe('')
  })
})

describe('initialsOf', () => {
  it('takes the first letter of each part, upper-cased', () => {
    expect(initialsOf('алексей', 'петров')).toBe('АП')
    expect(initialsOf('Jane', 'Smith')).toBe('JS')
  })

  it('gives fewer letters for empty or blank parts, never "undefined"', () => {
    expect(initialsOf('Иван', '')).toBe('И')
    expect(initialsOf('', 'Петров')).toBe('П')
    expect(initialsOf('  ', ' ')).toBe('')
  })

  it('takes a whole code point, not half a surrogate pair', () => {
    expect(initialsOf('𝒜lice', 'Bob')).toBe('𝒜B')
  })
})

describe('joinName', () => {
  it('joins the non-empty trimmed parts with one space', () => {
    expect(joinName('Иванов', 'Иван', 'Иванович')).toBe('Иванов Иван Иванович')
    expect(joinName(' Иванов ', '', '  ', 'Иван')).toBe('Иванов Иван')
    expect(joinName('', '')).toBe('')
  })
})

describe('parseSearch', () => {
  it('splits a normalized query into words', () => {
    expect(parseSearch('  Иван   СЕМЁНОВ ')).toEqual({ words: ['иван', 'семенов'], digits: null, empty: false })
  })

  it('reads a phone number typed with formatting as digits', () => {
    expect(parseSearch('+7 (917) 423-62-78').digits).toBe('79174236278')
    expect(parseSearch('917.423').digits).toBe('917423')
  })

  it('is not a phone search when letters are mixed in, or when there are no digits', () => {
    expect(parseSearch('ivan 917').digits).toBeNull()
    expect(parseSearch('+ ( ) -').digits).toBeNull()
  })

  it('is empty for a blank query', () => {
    expect(parseSearch('  \t ')).toEqual({ words: [], digits: null, empty: true })
  })
})

describe('matchesWords', () => {
  const key = 'антонов семен евгеньевич\u0000semyonantonov249@example.org'

  it('needs every word, in any order, anywhere in the key', () => {
    expect(matchesWords(key, ['семен', 'антонов'])).toBe(true)
    expect(matchesWords(key, ['евген', 'анто'])).toBe(true)
    expect(matchesWords(key, ['semyon'])).toBe(true)
    expect(matchesWords(key, ['семен', 'петров'])).toBe(false)
  })

  it('matches everything for no words', () => {
    expect(matchesWords(key, [])).toBe(true)
  })
})

describe('collator', () => {
  it('sorts Cyrillic names alphabetically, case-insensitively, and numbers numerically', () => {
    expect(['Яковлев', 'антонов', 'Борисов'].sort(collator.compare)).toEqual(['антонов', 'Борисов', 'Яковлев'])
    expect(['item10', 'item9'].sort(collator.compare)).toEqual(['item9', 'item10'])
  })
})
