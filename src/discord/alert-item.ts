import type { ActiveAlert } from '../alerts/alert-engine';
import type { AlertItem } from './discord-message.builder';

/** An engine alert as the message builder takes it: the mount only when it is not DISK_PATH's. */
export function toItem(alert: ActiveAlert): AlertItem {
  const item: AlertItem = { type: alert.type, level: alert.level, message: alert.message, value: alert.value, threshold: alert.threshold };
  if (alert.key !== alert.type && alert.mount) item.mount = alert.mount;
  return item;
}
