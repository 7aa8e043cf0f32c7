import type { ServiceIdentifier } from 'inversify';

/**
 * A DI token: a `Symbol` typed with the service it names, declared beside the service's
 * interface under the same name (`export const Index = serviceToken<Index>('Index')`), so
 * that `container.get(Index)` is an `Index` without a type argument at the call site.
 */
export type ServiceToken<T> = ServiceIdentifier<T> & symbol & { readonly [service]?: T };

declare const service: unique symbol;

/** A new {@link ServiceToken} named `name` (the name shows in inversify's errors). */
export function serviceToken<T>(name: string): ServiceToken<T> {
  return Symbol(name) as ServiceToken<T>;
}

/** The service a token names. */
export type ServiceOf<K> = K extends { readonly [service]?: infer T } ? T : never;
