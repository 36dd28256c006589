import type Database from "better-sqlite3";

/**
 * Versioned schema migrations. Applied in order inside one transaction each, and recorded in
 * `schema_migrations`, so a database written by an older emulator is upgraded in place and one
 * written by this version is left alone. Never edit a shipped migration: add a new one.
 *
 * The schema carries the domain invariants that SQL can express, as a second line of defence
 * behind the handlers' checks: an instance is in at most one scaling group
 * (`scaling_instances.instance_id` is the primary key), a group has at most one InProgress
 * activity (partial unique index), and every reference is a foreign key.
 */
export const MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: "initial schema",
    sql: `
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE regions (
  region_id TEXT PRIMARY KEY,
  position INTEGER NOT NULL
);
CREATE TABLE zones (
  zone_id TEXT PRIMARY KEY,
  region_id TEXT NOT NULL REFERENCES regions(region_id),
  position INTEGER NOT NULL
);
CREATE TABLE accounts (
  account_id TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  name TEXT,
  ess_authorized INTEGER NOT NULL CHECK (ess_authorized IN (0, 1))
);
CREATE TABLE access_keys (
  access_key_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(account_id),
  position INTEGER NOT NULL,
  access_key_secret TEXT NOT NULL,
  security_token TEXT
);
CREATE TABLE vpcs (
  vpc_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(account_id),
  region_id TEXT NOT NULL REFERENCES regions(region_id),
  cidr_block TEXT
);
CREATE TABLE vswitches (
  vswitch_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(account_id),
  vpc_id TEXT NOT NULL REFERENCES vpcs(vpc_id),
  region_id TEXT NOT NULL REFERENCES regions(region_id),
  zone_id TEXT NOT NULL REFERENCES zones(zone_id)
);
CREATE TABLE security_groups (
  security_group_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(account_id),
  region_id TEXT NOT NULL REFERENCES regions(region_id),
  vpc_id TEXT REFERENCES vpcs(vpc_id),
  instance_quota INTEGER NOT NULL CHECK (instance_quota > 0),
  position INTEGER NOT NULL
);
CREATE TABLE instances (
  instance_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(account_id),
  position INTEGER NOT NULL,
  instance_name TEXT,
  region_id TEXT NOT NULL REFERENCES regions(region_id),
  zone_id TEXT NOT NULL REFERENCES zones(zone_id),
  status TEXT NOT NULL CHECK (status IN ('Pending', 'Running', 'Starting', 'Stopping', 'Stopped')),
  network_type TEXT NOT NULL CHECK (network_type IN ('classic', 'vpc')),
  vpc_id TEXT REFERENCES vpcs(vpc_id),
  vswitch_id TEXT REFERENCES vswitches(vswitch_id),
  instance_type TEXT NOT NULL,
  charge_type TEXT NOT NULL CHECK (charge_type IN ('PrePaid', 'PostPaid')),
  spot_strategy TEXT NOT NULL,
  private_ip TEXT NOT NULL,
  creation_time TEXT NOT NULL,
  CHECK ((network_type = 'vpc') = (vpc_id IS NOT NULL))
);
CREATE INDEX instances_by_account_region ON instances(account_id, region_id, position);
CREATE TABLE instance_security_groups (
  instance_id TEXT NOT NULL REFERENCES instances(instance_id),
  security_group_id TEXT NOT NULL REFERENCES security_groups(security_group_id),
  position INTEGER NOT NULL,
  PRIMARY KEY (instance_id, security_group_id)
);
CREATE INDEX security_group_members ON instance_security_groups(security_group_id);
CREATE TABLE load_balancers (
  load_balancer_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(account_id),
  load_balancer_name TEXT,
  region_id TEXT NOT NULL REFERENCES regions(region_id),
  status TEXT NOT NULL CHECK (status IN ('active', 'inactive', 'locked')),
  health_check TEXT NOT NULL CHECK (health_check IN ('on', 'off')),
  network_type TEXT NOT NULL CHECK (network_type IN ('classic', 'vpc')),
  vpc_id TEXT REFERENCES vpcs(vpc_id)
);
CREATE TABLE load_balancer_backend_servers (
  load_balancer_id TEXT NOT NULL REFERENCES load_balancers(load_balancer_id),
  server_id TEXT NOT NULL REFERENCES instances(instance_id),
  weight INTEGER NOT NULL CHECK (weight BETWEEN 0 AND 100),
  position INTEGER NOT NULL,
  PRIMARY KEY (load_balancer_id, server_id)
);
CREATE TABLE db_instances (
  db_instance_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(account_id),
  region_id TEXT NOT NULL REFERENCES regions(region_id),
  status TEXT NOT NULL,
  engine TEXT NOT NULL,
  security_ip_quota INTEGER NOT NULL CHECK (security_ip_quota > 0)
);
CREATE TABLE db_security_ips (
  db_instance_id TEXT NOT NULL REFERENCES db_instances(db_instance_id),
  ip TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (db_instance_id, ip)
);
CREATE TABLE scaling_groups (
  scaling_group_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(account_id),
  position INTEGER NOT NULL,
  scaling_group_name TEXT NOT NULL,
  region_id TEXT NOT NULL REFERENCES regions(region_id),
  lifecycle_state TEXT NOT NULL CHECK (lifecycle_state IN ('Active', 'Inactive', 'Deleting')),
  min_size INTEGER NOT NULL CHECK (min_size >= 0),
  max_size INTEGER NOT NULL CHECK (max_size >= min_size),
  desired_capacity INTEGER,
  default_cooldown INTEGER NOT NULL,
  vpc_id TEXT REFERENCES vpcs(vpc_id),
  active_scaling_configuration_id TEXT,
  creation_time TEXT NOT NULL
);
CREATE TABLE scaling_group_vswitches (
  scaling_group_id TEXT NOT NULL REFERENCES scaling_groups(scaling_group_id),
  vswitch_id TEXT NOT NULL REFERENCES vswitches(vswitch_id),
  position INTEGER NOT NULL,
  PRIMARY KEY (scaling_group_id, vswitch_id)
);
CREATE TABLE scaling_group_load_balancers (
  scaling_group_id TEXT NOT NULL REFERENCES scaling_groups(scaling_group_id),
  load_balancer_id TEXT NOT NULL REFERENCES load_balancers(load_balancer_id),
  position INTEGER NOT NULL,
  PRIMARY KEY (scaling_group_id, load_balancer_id)
);
CREATE TABLE scaling_group_db_instances (
  scaling_group_id TEXT NOT NULL REFERENCES scaling_groups(scaling_group_id),
  db_instance_id TEXT NOT NULL REFERENCES db_instances(db_instance_id),
  position INTEGER NOT NULL,
  PRIMARY KEY (scaling_group_id, db_instance_id)
);
CREATE TABLE scaling_configurations (
  scaling_configuration_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(account_id),
  position INTEGER NOT NULL,
  scaling_configuration_name TEXT NOT NULL,
  scaling_group_id TEXT NOT NULL REFERENCES scaling_groups(scaling_group_id),
  region_id TEXT NOT NULL REFERENCES regions(region_id),
  lifecycle_state TEXT NOT NULL CHECK (lifecycle_state IN ('Active', 'Inactive')),
  instance_types TEXT NOT NULL,
  security_group_id TEXT REFERENCES security_groups(security_group_id),
  image_id TEXT,
  creation_time TEXT NOT NULL
);
CREATE TABLE scaling_activities (
  scaling_activity_id TEXT PRIMARY KEY,
  scaling_group_id TEXT NOT NULL REFERENCES scaling_groups(scaling_group_id),
  kind TEXT NOT NULL CHECK (kind IN ('world', 'attach', 'detach')),
  status_code TEXT NOT NULL CHECK (status_code IN ('InProgress', 'Successful', 'Warning', 'Failed', 'Rejected')),
  progress INTEGER NOT NULL CHECK (progress BETWEEN 0 AND 100),
  description TEXT NOT NULL,
  cause TEXT NOT NULL,
  status_message TEXT NOT NULL,
  start_time TEXT NOT NULL,
  end_time TEXT,
  total_capacity INTEGER,
  attached_capacity INTEGER,
  auto_created_capacity INTEGER,
  scaling_instance_number INTEGER NOT NULL DEFAULT 0,
  started_at_ms INTEGER,
  hook_due_at_ms INTEGER,
  due_at_ms INTEGER,
  plan TEXT NOT NULL DEFAULT '{}',
  sequence INTEGER NOT NULL
);
CREATE UNIQUE INDEX one_activity_in_progress_per_group
  ON scaling_activities(scaling_group_id) WHERE status_code = 'InProgress';
CREATE INDEX activities_by_group ON scaling_activities(scaling_group_id, sequence);
CREATE TABLE scaling_instances (
  instance_id TEXT PRIMARY KEY REFERENCES instances(instance_id),
  scaling_group_id TEXT NOT NULL REFERENCES scaling_groups(scaling_group_id),
  position INTEGER NOT NULL,
  creation_type TEXT NOT NULL CHECK (creation_type IN ('AutoCreated', 'Attached')),
  lifecycle_state TEXT NOT NULL CHECK (lifecycle_state IN ('InService', 'Pending', 'Pending:Wait', 'Protected', 'Standby', 'Stopped', 'Removing', 'Removing:Wait')),
  health_status TEXT NOT NULL CHECK (health_status IN ('Healthy', 'Unhealthy')),
  entrusted INTEGER NOT NULL CHECK (entrusted IN (0, 1)),
  load_balancer_weight INTEGER CHECK (load_balancer_weight BETWEEN 0 AND 100),
  scaling_configuration_id TEXT,
  scaling_activity_id TEXT,
  created_time TEXT NOT NULL
);
CREATE INDEX scaling_instances_by_group ON scaling_instances(scaling_group_id, position);
CREATE TABLE client_tokens (
  account_id TEXT NOT NULL REFERENCES accounts(account_id),
  action TEXT NOT NULL,
  client_token TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  scaling_activity_id TEXT NOT NULL,
  PRIMARY KEY (account_id, action, client_token)
);
`,
  },
  {
    version: 2,
    name: "resource attributes, lifecycle hooks and actions",
    // `attributes` holds a resource's descriptive world fields (image, OS, tags, policies, …) as
    // JSON: they are shown, never queried, so they need no columns of their own.
    sql: `
ALTER TABLE instances ADD COLUMN attributes TEXT NOT NULL DEFAULT '{}';
ALTER TABLE security_groups ADD COLUMN attributes TEXT NOT NULL DEFAULT '{}';
ALTER TABLE load_balancers ADD COLUMN attributes TEXT NOT NULL DEFAULT '{}';
ALTER TABLE db_instances ADD COLUMN attributes TEXT NOT NULL DEFAULT '{}';
ALTER TABLE scaling_groups ADD COLUMN attributes TEXT NOT NULL DEFAULT '{}';
ALTER TABLE scaling_configurations ADD COLUMN attributes TEXT NOT NULL DEFAULT '{}';
CREATE TABLE lifecycle_hooks (
  lifecycle_hook_id TEXT PRIMARY KEY,
  scaling_group_id TEXT NOT NULL REFERENCES scaling_groups(scaling_group_id),
  position INTEGER NOT NULL,
  lifecycle_hook_name TEXT NOT NULL,
  lifecycle_transition TEXT NOT NULL CHECK (lifecycle_transition IN ('SCALE_OUT', 'SCALE_IN')),
  heartbeat_timeout INTEGER NOT NULL CHECK (heartbeat_timeout BETWEEN 30 AND 21600),
  default_result TEXT NOT NULL CHECK (default_result IN ('CONTINUE', 'ABANDON')),
  status TEXT NOT NULL CHECK (status IN ('Active', 'Inactive')),
  notification_arn TEXT,
  notification_metadata TEXT,
  UNIQUE (scaling_group_id, lifecycle_hook_name)
);
CREATE TABLE lifecycle_actions (
  lifecycle_action_token TEXT PRIMARY KEY,
  lifecycle_hook_id TEXT NOT NULL REFERENCES lifecycle_hooks(lifecycle_hook_id),
  scaling_activity_id TEXT NOT NULL REFERENCES scaling_activities(scaling_activity_id),
  status TEXT NOT NULL CHECK (status IN ('Pending', 'Timeout', 'Completed')),
  result TEXT CHECK (result IN ('CONTINUE', 'ABANDON')),
  -- The ClientToken of the CompleteLifecycleAction that completed it: the same call again is a replay.
  client_token TEXT,
  instance_ids TEXT NOT NULL,
  UNIQUE (lifecycle_hook_id, scaling_activity_id)
);
CREATE INDEX lifecycle_actions_by_activity ON lifecycle_actions(scaling_activity_id);
`,
  },
];

/** Brings `db` to the newest schema. Returns the versions applied now (empty when up to date). */
export function migrate(db: Database.Database): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const applied = new Set(
    (db.prepare("SELECT version FROM schema_migrations").all() as Array<{ version: number }>).map((row) => row.version),
  );
  const newest = Math.max(...MIGRATIONS.map((migration) => migration.version));
  const unknown = [...applied].filter((version) => version > newest);
  if (unknown.length > 0) {
    throw new Error(
      `The emulator database was written by a newer emulator (schema ${Math.max(...unknown)}; this one knows up to ${newest}).`,
    );
  }
  const ran: number[] = [];
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(
        migration.version,
        migration.name,
        new Date().toISOString(),
      );
    })();
    ran.push(migration.version);
  }
  return ran;
}
