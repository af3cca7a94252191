// Every command, in the order `--help` lists them. One folder per command.

import type { Command } from '../main.ts';
import { configCommand } from './config/index.ts';
import { doctorCommand } from './doctor/index.ts';
import { installCommand } from './install/index.ts';
import { recordCommand } from './record/index.ts';
import { showCommand } from './show/index.ts';
import { syncCommand } from './sync/index.ts';
import { uninstallCommand } from './uninstall/index.ts';

export const commands: Command[] = [recordCommand, showCommand, configCommand, installCommand, uninstallCommand, doctorCommand, syncCommand];
