// Every command, in the order `--help` lists them. One folder per command.

import type { Command } from '../command.ts';
import { checkCommand } from './check/index.ts';
import { configCommand } from './config/index.ts';
import { doctorCommand } from './doctor/index.ts';
import { installCommand } from './install/index.ts';
import { recordCommand } from './record/index.ts';
import { reviewCommand } from './review/index.ts';
import { reportCommand } from './report/index.ts';
import { showCommand } from './show/index.ts';
import { syncCommand } from './sync/index.ts';
import { uninstallCommand } from './uninstall/index.ts';
import { zonesCommand } from './zones/index.ts';

export const commands: Command[] = [
  recordCommand,
  showCommand,
  reportCommand,
  zonesCommand,
  reviewCommand,
  checkCommand,
  configCommand,
  installCommand,
  uninstallCommand,
  doctorCommand,
  syncCommand,
];
