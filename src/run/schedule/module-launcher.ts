/**
 * The earlier name of the scheduler's launcher, kept while the batch moves over to
 * {@link itemLauncher} (src/run/launcher/item-launcher.ts), which runs one module or a pack
 * of them per process. Import itemLauncher in new code.
 */
export { itemLauncher as moduleLauncher, type ItemLauncherOptions as ModuleLauncherOptions } from '../launcher/item-launcher.js';
