// Every command, in the order `--help` lists them. One folder per command.

import type { Command } from '../main.ts';
import { configCommand } from './config/index.ts';
import { recordCommand } from './record/index.ts';
import { reportCommand } from './report/index.ts';
import { showCommand } from './show/index.ts';

export const commands: Command[] = [recordCommand, showCommand, reportCommand, configCommand];
