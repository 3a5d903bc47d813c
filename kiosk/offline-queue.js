// @ts-check
/**
 * The punches saved while the server could not be reached, in IndexedDB, so
 * they survive a reload or a restart of the laptop. Only sealed punches are
 * kept (offline-sealing.js): nothing here can be read without the server's
 * key. They are sent in the order they were saved; one is removed only once
 * the server has answered it.
 */

const databaseName = 'rollcall-kiosk';
const storeName = 'offline-punches';

/** @typedef {import('./offline-sealing.js').SealedPunch} SealedPunch */
/** @typedef {SealedPunch & { id: number }} QueuedPunch */

/**
 * @template T
 * @param {IDBRequest<T>} request
 * @returns {Promise<T>}
 */
function settled(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** @returns {Promise<IDBDatabase>} */
function openDatabase() {
  const request = indexedDB.open(databaseName, 1);
  request.onupgradeneeded = () => request.result.createObjectStore(storeName, { keyPath: 'id', autoIncrement: true });
  return settled(request);
}

/** @returns {Promise<ReturnType<typeof queueOn>>} */
export async function openPunchQueue() {
  return queueOn(await openDatabase());
}

/** @param {IDBDatabase} database */
function queueOn(database) {
  /** @param {IDBTransactionMode} mode */
  const store = (mode) => database.transaction(storeName, mode).objectStore(storeName);
  return {
    /** @param {SealedPunch} punch */
    async add(punch) {
      await settled(store('readwrite').add({ key: punch.key, iv: punch.iv, data: punch.data }));
    },
    /** @returns {Promise<QueuedPunch | undefined>} the punch saved first */
    async oldest() {
      const cursor = await settled(store('readonly').openCursor());
      return cursor ? /** @type {QueuedPunch} */ (cursor.value) : undefined;
    },
    /** @param {number} id */
    async remove(id) {
      await settled(store('readwrite').delete(id));
    },
    /** @returns {Promise<number>} */
    count() {
      return settled(store('readonly').count());
    },
    /** A kiosk no longer paired: its punches can never be sent (the server refuses a revoked kiosk). */
    async clear() {
      await settled(store('readwrite').clear());
    },
  };
}

/** @typedef {Awaited<ReturnType<typeof openPunchQueue>>} PunchQueue */
