/**
 * Every page, by name, for the server renderer. The client hydrates from ./loaders.ts instead, which
 * splits each page into its own chunk. Add a page in both files.
 */
import type { ComponentType } from 'preact';
import Communities from './Communities';

export const pages = {
  Communities,
} satisfies Record<string, ComponentType<any>>;

export type PageName = keyof typeof pages;
export type PagePropsOf<N extends PageName> = Parameters<(typeof pages)[N]>[0];
