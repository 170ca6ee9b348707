import { ConfigError, loadConfig } from './config';
import { DataDirLockedError } from './db/lock';
import { closeOnSignals, startServer } from './server';

try {
  const config = loadConfig();
  const { app, database } = await startServer(config);
  app.log.info({ db: database.kind, migration: database.migration }, 'Shifan is running');
  closeOnSignals(app);
} catch (err) {
  if (err instanceof ConfigError || err instanceof DataDirLockedError) {
    console.error(err.message);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
}
