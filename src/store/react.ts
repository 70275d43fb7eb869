/** React access to the app store: one store per app instance, provided by context (tests can make their own). */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppState, AppStore } from './app-store';

export const StoreContext = createContext<AppStore | null>(null);

export function useAppStore(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore: no StoreContext provider');
  return store;
}

/** Subscribe a component to a slice. Selectors must return stable values (memoised `getX` or primitives). */
export function useAppState<T>(selector: (state: AppState) => T): T {
  return useStore(useAppStore(), selector);
}
