/**
 * What this device remembers about its resident, in localStorage: a random device id (so a
 * support counts once per phone), the reports made here, the reports followed, and the
 * reports supported. Nothing here identifies a person; it never leaves the device except
 * the device id, which the API stores only as a hash.
 */
import { createSignal } from 'solid-js';

const DEVICE_KEY = 'groundswell.device';
const MINE_KEY = 'groundswell.myReports';
const FOLLOWING_KEY = 'groundswell.following';
const SUPPORTED_KEY = 'groundswell.supported';

/** A UUID v4; `crypto.randomUUID` needs a secure context, so fall back to getRandomValues. */
export function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function read<T>(key: string, fallback: T): T {
  try {
    const text = localStorage.getItem(key);
    return text ? (JSON.parse(text) as T) : fallback;
  } catch {
    return fallback;
  }
}

function write(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or private browsing: remembered for this visit only.
  }
}

let deviceId: string | undefined;
/** One random id per device, kept for good (16–64 letters, digits and dashes, as the API asks). */
export function getDeviceId(): string {
  if (deviceId) return deviceId;
  const stored = read<string | null>(DEVICE_KEY, null);
  deviceId = typeof stored === 'string' && /^[A-Za-z0-9-]{16,64}$/.test(stored) ? stored : uuid();
  if (deviceId !== stored) write(DEVICE_KEY, deviceId);
  return deviceId;
}

/** A report sent from this device. `localId` is the outbox key it was sent with. */
export interface MyReport {
  id: string;
  localId: string;
  category: string;
  responseDays: number;
  createdAt: string;
  /** Photos the server would not take (too large, not an image, over the limit). */
  photosRefused?: number;
}

/** A report this device follows by email (pending until the resident confirms the email). */
export interface Followed {
  id: string;
  since: string;
}

function listSignal<T>(key: string, keyOf: (item: T) => string, max: number) {
  const [items, setItems] = createSignal<T[]>(read<T[]>(key, []));
  // Another tab changed the list: follow it.
  window.addEventListener('storage', (e) => {
    if (e.key === key) setItems(read<T[]>(key, []));
  });
  return {
    items,
    add(item: T) {
      const next = [item, ...read<T[]>(key, []).filter((x) => keyOf(x) !== keyOf(item))].slice(0, max);
      write(key, next);
      setItems(next);
    },
    has: (k: string) => items().some((x) => keyOf(x) === k),
  };
}

export const myReports = listSignal<MyReport>(MINE_KEY, (r) => r.id, 100);
export const following = listSignal<Followed>(FOLLOWING_KEY, (r) => r.id, 100);
export const supported = listSignal<{ id: string }>(SUPPORTED_KEY, (r) => r.id, 500);
