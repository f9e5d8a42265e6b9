import type { ActiveAlert } from '../alerts/alert-engine';
import type { AlertItem } from './discord-message.builder';

/** An engine alert as a Discord embed names it: the mount only for another mount than DISK_PATH's. */
export function toAlertItem(alert: ActiveAlert): AlertItem {
  const item: AlertItem = { type: alert.type, level: alert.level, message: alert.message, value: alert.value, threshold: alert.threshold };
  if (alert.key !== alert.type && alert.mount) item.mount = alert.mount;
  return item;
}
