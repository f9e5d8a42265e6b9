import { CreateThresholds1736000000000 } from './1736000000000-create-thresholds';
import { CreateUsersSessions1736100000000 } from './1736100000000-create-users-sessions';
import { CreateDiscord1736400000000 } from './1736400000000-create-discord';
import { CreateAuditLog1736700000000 } from './1736700000000-create-audit-log';
import { CreateFleetProbes1736900000000 } from './1736900000000-create-fleet-probes';
import { CreateDiscordLastMessage1737100000000 } from './1737100000000-create-discord-last-message';
import { CreateAlertEngine1737200000000 } from './1737200000000-create-alert-engine';

/** Every migration, in order. A new table or column is a new file here, never `synchronize`. */
export const MIGRATIONS = [
  CreateThresholds1736000000000,
  CreateUsersSessions1736100000000,
  CreateDiscord1736400000000,
  CreateAuditLog1736700000000,
  CreateFleetProbes1736900000000,
  CreateDiscordLastMessage1737100000000,
  CreateAlertEngine1737200000000,
];
