/** [first name, patronymic of a son, patronymic of a daughter] */
export const maleNames: readonly (readonly [string, string, string])[] = [
  ['Иван', 'Иванович', 'Ивановна'],
  ['Пётр', 'Петрович', 'Петровна'],
  ['Фёдор', 'Фёдорович', 'Фёдоровна'],
  ['Алексей', 'Алексеевич', 'Алексеевна'],
  ['Сергей', 'Сергеевич', 'Сергеевна'],
  ['Андрей', 'Андреевич', 'Андреевна'],
  ['Дмитрий', 'Дмитриевич', 'Дмитриевна'],
  ['Николай', 'Николаевич', 'Николаевна'],
  ['Михаил', 'Михайлович', 'Михайловна'],
  ['Александр', 'Александрович', 'Александровна'],
  ['Владимир', 'Владимирович', 'Владимировна'],
  ['Артём', 'Артёмович', 'Артёмовна'],
  ['Семён', 'Семёнович', 'Семёновна'],
  ['Олег', 'Олегович', 'Олеговна'],
  ['Юрий', 'Юрьевич', 'Юрьевна'],
  ['Павел', 'Павлович', 'Павловна'],
  ['Илья', 'Ильич', 'Ильинична'],
  ['Никита', 'Никитич', 'Никитична'],
  ['Григорий', 'Григорьевич', 'Григорьевна'],
  ['Константин', 'Константинович', 'Константиновна'],
  ['Егор', 'Егорович', 'Егоровна'],
  ['Максим', 'Максимович', 'Максимовна'],
  ['Виктор', 'Викторович', 'Викторовна'],
  ['Евгений', 'Евгеньевич', 'Евгеньевна'],
  ['Роман', 'Романович', 'Романовна'],
  ['Тимофей', 'Тимофеевич', 'Тимофеевна'],
  ['Лев', 'Львович', 'Львовна'],
  ['Яков', 'Яковлевич', 'Яковлевна'],
]

export const femaleNames: readonly string[] = [
  'Анна', 'Мария', 'Елена', 'Ольга', 'Наталья', 'Татьяна', 'Ирина', 'Светлана', 'Алёна',
  'Дарья', 'Ксения', 'Екатерина', 'Юлия', 'Анастасия', 'Полина', 'Софья', 'Вера', 'Людмила',
  'Галина', 'Евгения', 'Варвара', 'Василиса', 'Ульяна', 'Таисия', 'Злата', 'Милена', 'Фёкла',
]

/** Male forms; `feminine()` derives the female form. */
export const lastNames: readonly string[] = [
  'Иванов', 'Петров', 'Сидоров', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Соколов',
  'Михайлов', 'Новиков', 'Фёдоров', 'Морозов', 'Волков', 'Алексеев', 'Лебедев', 'Семёнов',
  'Егоров', 'Павлов', 'Козлов', 'Степанов', 'Николаев', 'Орлов', 'Андреев', 'Макаров',
  'Никитин', 'Захаров', 'Зайцев', 'Соловьёв', 'Борисов', 'Яковлев', 'Григорьев', 'Романов',
  'Воробьёв', 'Сергеев', 'Кузьмин', 'Фролов', 'Александров', 'Дмитриев', 'Королёв', 'Гусев',
  'Киселёв', 'Ильин', 'Максимов', 'Поляков', 'Сорокин', 'Виноградов', 'Ковалёв', 'Белов',
  'Медведев', 'Антонов', 'Тарасов', 'Жуков', 'Баранов', 'Филиппов', 'Комаров', 'Давыдов',
  'Беляев', 'Герасимов', 'Богданов', 'Осипов', 'Сёмин', 'Журавлёв', 'Пугачёв', 'Щербаков',
  'Чернышёв', 'Покровский', 'Вознесенский', 'Загорский', 'Белинский', 'Юровский', 'Пушкин',
  'Лёвкин', 'Ёлкин', 'Грицкий',
]

export function feminine(lastName: string): string {
  if (/(?:ский|цкий)$/.test(lastName)) return lastName.slice(0, -2) + 'ая'
  if (/(?:ов|ев|ёв|ин|ын)$/.test(lastName)) return lastName + 'а'
  return lastName
}

const translit: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f',
  х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
}

const latinCache = new Map<string, string>()

/** Names come from short lists, so each is transliterated once (50,000 clients stay fast). */
export function latin(text: string): string {
  let out = latinCache.get(text)
  if (out === undefined) {
    out = ''
    for (const ch of text.toLowerCase()) out += translit[ch] ?? ch
    latinCache.set(text, out)
  }
  return out
}

export const englishFirstNames: readonly string[] = [
  'Jane', 'John', 'Hanna', 'Oliver', 'Amelia', 'Liam', 'Olivia', 'Noah', 'Emma', 'James',
  'Sophia', 'William', 'Isabella', 'Lucas', 'Mia', 'Henry', 'Charlotte', 'Jack', 'Ava', 'Leo',
  'Grace', 'Thomas', 'Chloe', 'Daniel', 'Ella', 'Samuel', 'Lily', 'David', 'Zoe', 'Joseph',
  'Ruby', 'Adam', 'Freya', 'Ethan', 'Alice', 'Oscar', 'Evie', 'Max', 'Ivy', 'Theo',
]

export const englishLastNames: readonly string[] = [
  'Smith', 'Blake', 'Wright', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis',
  'Wilson', 'Taylor', 'Anderson', 'Thomas', 'Moore', 'Martin', 'Jackson', 'Thompson', 'White',
  'Harris', 'Clark', 'Lewis', 'Walker', 'Hall', 'Allen', 'Young', 'King', 'Scott', 'Green',
  'Baker', 'Adams', 'Nelson', 'Carter', 'Mitchell', 'Roberts', 'Turner', 'Phillips', 'Evans',
  "O'Brien", 'van der Berg', 'Müller',
]
