// The list's `?q=` and `?sort=` as last shown, so "Back to clients" restores them. Kept outside the
// URL of each row's link: rows would otherwise re-render on every keystroke just to update it.
let listSearch = ''

export const setListSearch = (search: string) => {
  listSearch = search
}

export const getListSearch = () => listSearch
