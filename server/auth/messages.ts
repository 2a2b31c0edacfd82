/* Every word of the sign-in page, in English and Russian (chosen from Accept-Language). */

export type Lang = 'en' | 'ru'

export interface Messages {
  title: string
  username: string
  password: string
  signIn: string
  signInWith: (name: string | null) => string
  or: string
  wrong: string
  tooMany: (minutes: number, at: string) => string
  ssoUnavailable: (name: string | null) => string
  ssoNotAllowed: string
  ssoFailed: string
  crossSite: string
  signedOut: string
}

export const MESSAGES: Record<Lang, Messages> = {
  en: {
    title: 'Sign in',
    username: 'Username',
    password: 'Password',
    signIn: 'Sign in',
    signInWith: (name) => `Sign in with ${name ?? 'single sign-on'}`,
    or: 'or',
    wrong: 'Wrong username or password',
    tooMany: (minutes, at) => `Too many attempts. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'} (at ${at}).`,
    ssoUnavailable: (name) => `Single sign-on is unavailable: ${name ?? 'the identity provider'} did not answer. Try again in a moment.`,
    ssoNotAllowed: 'This account may not sign in to Roster. Ask an administrator to add it.',
    ssoFailed: 'Single sign-on did not complete. Start again.',
    crossSite: 'This form must be sent from Roster itself. Reload the page and try again.',
    signedOut: 'You are signed out.',
  },
  ru: {
    title: 'Войти',
    username: 'Имя пользователя',
    password: 'Пароль',
    signIn: 'Войти',
    signInWith: (name) => (name ? `Войти через ${name}` : 'Войти через единый вход'),
    or: 'или',
    wrong: 'Неверное имя пользователя или пароль',
    tooMany: (minutes, at) => `Слишком много попыток. Повторите через ${minutes} мин. (в ${at}).`,
    ssoUnavailable: (name) => `Единый вход недоступен: ${name ?? 'поставщик удостоверений'} не отвечает. Повторите чуть позже.`,
    ssoNotAllowed: 'Этой учётной записи вход в Roster не разрешён. Обратитесь к администратору.',
    ssoFailed: 'Единый вход не завершён. Начните заново.',
    crossSite: 'Форму нужно отправлять из самого Roster. Обновите страницу и повторите.',
    signedOut: 'Вы вышли.',
  },
}

/** The first of `ru`/`en` in the header by preference; English otherwise. */
export function pickLang(acceptLanguage: string | undefined): Lang {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';')
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean)
      return { tag, q: q === undefined ? 1 : Number(q), index }
    })
    .filter((item) => item.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
  for (const { tag } of ranked) {
    if (tag === 'ru' || tag.startsWith('ru-')) return 'ru'
    if (tag === 'en' || tag.startsWith('en-')) return 'en'
  }
  return 'en'
}
