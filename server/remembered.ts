/**
 * What one process remembers of the database to spare itself reads. Each
 * such memory registers how to forget, so whoever empties the database
 * behind the process's back (a test between tests) makes it forget all of
 * them at once, as a restart would.
 *
 * @example
 *   const blocks = new Map<string, number>();
 *   deps.remembered.register(() => blocks.clear());
 *   deps.remembered.forgetAll();
 */
export type Remembered = {
  register(forget: () => void): void;
  forgetAll(): void;
};

export function createRemembered(): Remembered {
  const forgetters: (() => void)[] = [];
  return {
    register: (forget) => void forgetters.push(forget),
    forgetAll: () => forgetters.forEach((forget) => forget()),
  };
}
