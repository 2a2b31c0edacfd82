import { Navigate, createBrowserRouter } from 'react-router-dom'
import { AppLayout } from './components/app-layout'
import { NotFoundPage } from './components/not-found'
import { RouteError } from './components/route-error'

// Each screen is its own chunk: the first route downloads only what it renders.
export const routes = [
  {
    path: '/',
    element: <AppLayout />,
    errorElement: <RouteError />,
    // Shown for the moment the first screen's code is still loading.
    hydrateFallbackElement: <p role="status" className="p-8">Loading Roster…</p>,
    children: [
      { index: true, element: <Navigate to="/clients" replace /> },
      { path: 'clients', lazy: () => import('./features/clients/clients-page').then((m) => ({ Component: m.ClientsPage })) },
      { path: 'clients/:id', lazy: () => import('./features/clients/client-page').then((m) => ({ Component: m.ClientPage })) },
      { path: 'users', lazy: () => import('./features/users/users-page').then((m) => ({ Component: m.UsersPage })) },
      { path: 'settings', lazy: () => import('./features/settings/settings-page').then((m) => ({ Component: m.SettingsPage })) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]

export const createRouter = () => createBrowserRouter(routes)
