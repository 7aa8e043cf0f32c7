/** Something to release: an event subscription, a registration. */
export interface Disposable {
  dispose(): void;
}
