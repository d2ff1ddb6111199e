import {
  checkResidency,
  formatResidencyViolation,
  formatResidencyViolations,
  type ResidencyViolation,
} from "../../lib/residency";

/** A resource block with cdktf's construct-path metadata. */
function res(path: string, body: Record<string, unknown>): Record<string, unknown> {
  return { ...body, "//": { metadata: { path, uniqueId: path.split("/").pop() } } };
}

/** The violations as [address, attribute, value] triples, for compact assertions. */
function triples(violations: readonly ResidencyViolation[]): [string, string, string][] {
  return violations.map((v) => [v.address, v.attribute, v.value]);
}

const cleanAws = {
  terraform: { backend: { s3: { bucket: "state", key: "platform.tfstate", region: "eu-central-1" } } },
  provider: {
    aws: [{ region: "eu-central-1" }, { alias: "dublin", region: "eu-west-1" }],
  },
  resource: {
    aws_s3_bucket: {
      lake_raw: res("platform/lake/raw", { bucket: "acme-lake-raw" }),
      lake_replica: res("platform/lake/replica", { bucket: "acme-lake-replica", provider: "aws.dublin" }),
      lake_paris: res("platform/lake/paris", { bucket: "acme-lake-paris", region: "eu-west-3" }),
    },
    aws_s3_bucket_replication_configuration: {
      lake: res("platform/lake/replication", {
        bucket: "${aws_s3_bucket.lake_raw.id}",
        role: "arn:aws:iam::123456789012:role/replication",
        rule: [
          { id: "to-dublin", status: "Enabled", destination: { bucket: "${aws_s3_bucket.lake_replica.arn}" } },
          { id: "to-paris", status: "Enabled", destination: { bucket: "arn:aws:s3:::acme-lake-paris" } },
        ],
      }),
    },
    aws_kms_replica_key: {
      lake: res("platform/lake/key-replica", { primary_key_arn: "${aws_kms_key.lake.arn}", provider: "aws.dublin" }),
    },
    aws_ebs_volume: { scratch: res("platform/scratch", { availability_zone: "eu-central-1b", size: 100 }) },
    aws_subnet: { a: res("platform/net/a", { availability_zone_id: "euc1-az1", vpc_id: "${aws_vpc.main.id}" }) },
    aws_dynamodb_table: {
      locks: res("platform/locks", { name: "locks", replica: [{ region_name: "eu-west-1" }, { region_name: "eu-north-1" }] }),
    },
    aws_backup_plan: {
      daily: res("platform/backup", {
        name: "daily",
        rule: [{ rule_name: "daily", copy_action: [{ destination_vault_arn: "arn:aws:backup:eu-west-1:123456789012:backup-vault:dr" }] }],
      }),
    },
    kubernetes_config_map: { settings: res("platform/k8s/settings", { data: { region: "us-east-1" } }) },
  },
};

const cleanGcp = {
  provider: { google: [{ region: "europe-west3", zone: "europe-west3-a" }], "google-beta": [{ region: "europe-west4" }] },
  resource: {
    google_storage_bucket: {
      lake: res("platform/lake", { name: "acme-lake", location: "EU" }),
      dual: res("platform/dual", { name: "acme-dual", location: "EUR4" }),
      custom: res("platform/custom", {
        name: "acme-custom",
        location: "EU",
        custom_placement_config: { data_locations: ["EUROPE-WEST1", "EUROPE-WEST4"] },
      }),
    },
    google_kms_key_ring: { lake: res("platform/keyring", { name: "lake", location: "europe-west3" }) },
    google_bigquery_dataset: { analytics: res("platform/analytics", { dataset_id: "analytics", location: "EU" }) },
    google_container_cluster: {
      gke: res("platform/gke", { name: "gke", location: "europe-west4", node_locations: ["europe-west4-a", "europe-west4-b"] }),
    },
    google_secret_manager_secret: {
      token: res("platform/token", {
        secret_id: "token",
        replication: { user_managed: { replicas: [{ location: "europe-west3" }, { location: "europe-west4" }] } },
      }),
    },
    google_cloud_scheduler_job: {
      nightly: res("platform/nightly", { name: "nightly", region: "europe-west3", time_zone: "Europe/Berlin" }),
    },
    google_dns_record_set: { api: res("platform/dns", { name: "api.example.", managed_zone: "private-zone", type: "A" }) },
  },
  data: { google_compute_zones: { available: { region: "europe-west3" } } },
};

describe("checkResidency on clean configurations", () => {
  it("reports nothing for an AWS configuration pinned to eu (providers, overrides, zones, replication, backup copies)", () => {
    expect(checkResidency("platform", cleanAws, "eu")).toEqual([]);
  });

  it("reports nothing for a GCP configuration pinned to eu (multi/dual/custom dual-regions, key ring, dataset, zones)", () => {
    expect(checkResidency("platform", cleanGcp, "eu")).toEqual([]);
  });

  it("ignores attributes that look like locations but are not (time_zone, managed_zone, non-cloud providers)", () => {
    const violations = checkResidency("platform", cleanGcp, "eu");
    expect(violations.map((v) => v.attribute)).not.toContain("time_zone");
    expect(checkResidency("platform", cleanAws, "eu").map((v) => v.address)).not.toContain("kubernetes_config_map.settings");
  });

  it("fails when values hold variables or functions it cannot evaluate (fail closed)", () => {
    const config = {
      provider: { aws: [{ region: "${var.region}" }] },
      resource: {
        aws_s3_bucket: { logs: res("s/logs", { bucket: "logs", region: "${var.logs_region}" }) },
        google_storage_bucket: { b: res("s/b", { name: "b", location: "${upper(var.location)}" }) },
      },
    };
    expect(triples(checkResidency("s", config, "eu"))).toEqual([
      ["provider.aws", "region", "${var.region}"],
      ["aws_s3_bucket.logs", "region", "${var.logs_region}"],
      ["google_storage_bucket.b", "location", "${upper(var.location)}"],
    ]);
  });
});

describe("checkResidency on offending configurations", () => {
  it("fails when the default provider is outside and names where it actually is", () => {
    const [v, ...rest] = checkResidency("s", { provider: { aws: [{ region: "us-east-1" }] } }, "eu");
    expect(rest).toEqual([]);
    expect(v).toMatchObject({ stack: "s", address: "provider.aws", attribute: "region", value: "us-east-1" });
    expect(v?.reason).toMatch(/N\. Virginia.*is in us, not in eu/);
    expect(v?.constructPath).toBeUndefined();
  });

  it("fails when a provider has no region: it would come from the environment", () => {
    const violations = checkResidency("s", { provider: { aws: [{}], google: [{ project: "p" }] } }, "de");
    expect(triples(violations)).toEqual([
      ["provider.aws", "region", ""],
      ["provider.google", "region", ""],
    ]);
    expect(violations[0]?.reason).toMatch(/environment/);
  });

  it("fails when a name suggests the right territory but the region is not in it (eu-central-2 is Zurich)", () => {
    const violations = checkResidency("s", { provider: { aws: { region: "eu-central-2" } } }, "eu");
    expect(triples(violations)).toEqual([["provider.aws", "region", "eu-central-2"]]);
    expect(violations[0]?.reason).toMatch(/Zurich, Switzerland\) is in ch, not in eu/);
  });

  it("fails when a resource on an aliased provider outside inherits its region, listing provider and resource", () => {
    const config = {
      provider: { aws: [{ region: "eu-central-1" }, { alias: "west", region: "us-west-2" }] },
      resource: { aws_kms_replica_key: { dr: res("s/dr-key", { primary_key_arn: "${aws_kms_key.main.arn}", provider: "aws.west" }) } },
    };
    const violations = checkResidency("s", config, "eu");
    expect(triples(violations)).toEqual([
      ["provider.aws.west", "region", "us-west-2"],
      ["aws_kms_replica_key.dr", "provider", "aws.west"],
    ]);
    expect(violations[1]?.constructPath).toBe("s/dr-key");
    expect(violations[1]?.reason).toMatch(/inherits region "us-west-2" from provider\.aws\.west: .* is in us/);
  });

  it("fails when a resource names a provider alias that is not configured", () => {
    const config = {
      provider: { aws: [{ region: "eu-central-1" }] },
      resource: { aws_s3_bucket: { b: res("s/b", { bucket: "b", provider: "aws.nowhere" }) } },
    };
    expect(triples(checkResidency("s", config, "eu"))).toEqual([["aws_s3_bucket.b", "provider", "aws.nowhere"]]);
  });

  it("fails when a resource overrides its region (AWS provider 6.x) to one outside, even on a good provider", () => {
    const config = {
      provider: { aws: [{ region: "eu-central-1" }] },
      resource: { aws_s3_bucket: { logs: res("s/logs", { bucket: "logs", region: "eu-west-2" }) } },
    };
    const violations = checkResidency("s", config, "eu");
    expect(violations).toEqual([
      expect.objectContaining({ address: "aws_s3_bucket.logs", constructPath: "s/logs", attribute: "region", value: "eu-west-2" }),
    ]);
    expect(violations[0]?.reason).toMatch(/London, United Kingdom\) is in uk/);
  });

  it("does not flag an aliased provider's resource that sets its own region inside", () => {
    const config = {
      provider: { aws: [{ region: "eu-central-1" }, { alias: "west", region: "us-west-2" }] },
      resource: { aws_s3_bucket: { b: res("s/b", { bucket: "b", provider: "aws.west", region: "eu-west-1" }) } },
    };
    expect(triples(checkResidency("s", config, "eu"))).toEqual([["provider.aws.west", "region", "us-west-2"]]);
  });

  it("fails when nested blocks and lists hold locations outside, with their dotted paths", () => {
    const config = {
      provider: { aws: [{ region: "eu-central-1" }] },
      resource: {
        aws_dynamodb_table: { locks: res("s/locks", { name: "locks", replica: [{ region_name: "eu-west-1" }, { region_name: "us-east-2" }] }) },
        aws_rds_cluster: { db: res("s/db", { availability_zones: ["eu-central-1a", "eu-central-2a"] }) },
      },
    };
    expect(triples(checkResidency("s", config, "eu"))).toEqual([
      ["aws_dynamodb_table.locks", "replica[1].region_name", "us-east-2"],
      ["aws_rds_cluster.db", "availability_zones[1]", "eu-central-2a"],
    ]);
  });

  it("fails when a location is unknown or global (fail closed)", () => {
    const config = {
      provider: { google: [{ region: "europe-west3" }] },
      resource: {
        google_kms_key_ring: { global: res("s/kr", { name: "kr", location: "global" }) },
        google_storage_bucket: { typo: res("s/typo", { name: "t", location: "europe-west33" }) },
        aws_ebs_volume: { lz: res("s/lz", { availability_zone: "eu-central-1-ham-1a" }) },
      },
    };
    const violations = checkResidency("s", config, "eu");
    expect(triples(violations)).toEqual([
      ["google_kms_key_ring.global", "location", "global"],
      ["google_storage_bucket.typo", "location", "europe-west33"],
      ["aws_ebs_volume.lz", "availability_zone", "eu-central-1-ham-1a"],
    ]);
    expect(violations[0]?.reason).toMatch(/not pinned/);
    expect(violations[1]?.reason).toMatch(/not a known gcp location.*fail closed/);
  });

  it("fails when GCP storage, keys, datasets and clusters are outside", () => {
    const config = {
      provider: { google: [{ region: "europe-west3" }] },
      resource: {
        google_storage_bucket: {
          us: res("s/us", { name: "us", location: "US" }),
          mixed: res("s/mixed", { name: "m", location: "EUR7" }),
          custom: res("s/custom", { name: "c", location: "EU", custom_placement_config: { data_locations: ["EUROPE-WEST1", "EUROPE-WEST2"] } }),
        },
        google_kms_key_ring: { kr: res("s/kr", { name: "kr", location: "us-central1" }) },
        google_bigquery_dataset: { ds: res("s/ds", { dataset_id: "ds", location: "US" }) },
        google_container_node_pool: { gpu: res("s/gpu", { location: "europe-west4", node_locations: ["europe-west4-a", "europe-west6-b"] }) },
        google_pubsub_topic: { t: res("s/t", { name: "t", message_storage_policy: { allowed_persistence_regions: ["europe-west3", "us-east1"] } }) },
      },
    };
    const violations = checkResidency("s", config, "eu");
    expect(triples(violations)).toEqual([
      ["google_storage_bucket.us", "location", "US"],
      ["google_storage_bucket.mixed", "location", "EUR7"],
      ["google_storage_bucket.custom", "custom_placement_config.data_locations[1]", "EUROPE-WEST2"],
      ["google_kms_key_ring.kr", "location", "us-central1"],
      ["google_bigquery_dataset.ds", "location", "US"],
      ["google_container_node_pool.gpu", "node_locations[1]", "europe-west6-b"],
      ["google_pubsub_topic.t", "message_storage_policy.allowed_persistence_regions[1]", "us-east1"],
    ]);
    expect(violations[1]?.reason).toMatch(/London and Frankfurt.* is in no catalogued jurisdiction/);
  });

  it("fails when a GCP provider or a data source is outside", () => {
    const config = {
      provider: { google: [{ region: "europe-west3", zone: "europe-west2-a" }] },
      data: { google_compute_zones: { available: res("s/zones", { region: "us-central1" }) } },
    };
    expect(triples(checkResidency("s", config, "eu"))).toEqual([
      ["provider.google", "zone", "europe-west2-a"],
      ["data.google_compute_zones.available", "region", "us-central1"],
    ]);
  });

  it("fails when a secret uses automatic replication", () => {
    const config = {
      provider: { google: [{ region: "europe-west3" }] },
      resource: { google_secret_manager_secret: { s: res("s/secret", { secret_id: "s", replication: { auto: {} } }) } },
    };
    expect(triples(checkResidency("s", config, "eu"))).toEqual([["google_secret_manager_secret.s", "replication.auto", "auto"]]);
  });

  it("fails when the s3 backend is outside or has no region, and leaves a gcs backend alone", () => {
    expect(triples(checkResidency("s", { terraform: { backend: { s3: { bucket: "b", key: "k", region: "us-east-1" } } } }, "eu"))).toEqual([
      ["terraform.backend.s3", "region", "us-east-1"],
    ]);
    expect(triples(checkResidency("s", { terraform: { backend: { s3: { bucket: "b", key: "k" } } } }, "eu"))).toEqual([
      ["terraform.backend.s3", "region", ""],
    ]);
    expect(checkResidency("s", { terraform: { backend: { gcs: { bucket: "state", prefix: "p" } } } }, "eu")).toEqual([]);
  });
});

describe("checkResidency on replication destinations", () => {
  const base = {
    provider: { aws: [{ region: "eu-central-1" }, { alias: "oregon", region: "us-west-2" }] },
  };
  const withRule = (rule: unknown, buckets: Record<string, unknown> = {}): Record<string, unknown> => ({
    ...base,
    resource: {
      aws_s3_bucket: { src: res("s/src", { bucket: "src" }), ...buckets },
      aws_s3_bucket_replication_configuration: { rep: res("s/rep", { bucket: "${aws_s3_bucket.src.id}", role: "r", rule }) },
    },
  });
  const replicationViolations = (config: Record<string, unknown>): ResidencyViolation[] =>
    checkResidency("s", config, "eu").filter((v) => v.address === "aws_s3_bucket_replication_configuration.rep");

  it("fails when the destination bucket is on an aliased provider in another region", () => {
    const config = withRule([{ id: "r", destination: { bucket: "${aws_s3_bucket.dr.arn}" } }], {
      dr: res("s/dr", { bucket: "dr", provider: "aws.oregon" }),
    });
    const violations = replicationViolations(config);
    expect(violations).toEqual([
      expect.objectContaining({ constructPath: "s/rep", attribute: "rule[0].destination.bucket", value: "${aws_s3_bucket.dr.arn}" }),
    ]);
    expect(violations[0]?.reason).toMatch(/aws_s3_bucket\.dr \(region from provider\.aws\.oregon\).*us-west-2.*is in us/);
  });

  it("fails when the destination bucket sets its own region outside", () => {
    const config = withRule({ id: "r", destination: { bucket: "${aws_s3_bucket.dr.arn}" } }, { dr: res("s/dr", { bucket: "dr", region: "ap-southeast-2" }) });
    expect(triples(replicationViolations(config))).toEqual([
      ["aws_s3_bucket_replication_configuration.rep", "rule.destination.bucket", "${aws_s3_bucket.dr.arn}"],
    ]);
  });

  it("fails when a literal ARN names a bucket that is not in the stack", () => {
    const violations = replicationViolations(withRule([{ id: "r", destination: { bucket: "arn:aws:s3:::somebody-elses-bucket" } }]));
    expect(violations).toHaveLength(1);
    expect(violations[0]?.reason).toMatch(/not defined in this stack.*fail closed/);
  });

  it("fails when the destination is an expression that does not name a resource of the stack", () => {
    const violations = replicationViolations(withRule([{ id: "r", destination: { bucket: "${data.aws_s3_bucket.dr.arn}" } }]));
    expect(triples(violations)).toEqual([
      ["aws_s3_bucket_replication_configuration.rep", "rule[0].destination.bucket", "${data.aws_s3_bucket.dr.arn}"],
    ]);
  });

  it("accepts a literal ARN of a bucket of the stack in the jurisdiction", () => {
    const config = withRule([{ id: "r", destination: { bucket: "arn:aws:s3:::dr" } }], { dr: res("s/dr", { bucket: "dr", region: "eu-north-1" }) });
    expect(replicationViolations(config)).toEqual([]);
  });

  it("fails when an AWS Backup copy goes to a vault in another region", () => {
    const config = {
      provider: { aws: [{ region: "eu-central-1" }] },
      resource: {
        aws_backup_plan: {
          p: res("s/plan", {
            name: "p",
            rule: [{ rule_name: "r", copy_action: [{ destination_vault_arn: "arn:aws:backup:us-east-1:123456789012:backup-vault:dr" }] }],
          }),
        },
      },
    };
    const violations = checkResidency("s", config, "eu");
    expect(triples(violations)).toEqual([
      ["aws_backup_plan.p", "rule[0].copy_action[0].destination_vault_arn", "arn:aws:backup:us-east-1:123456789012:backup-vault:dr"],
    ]);
    expect(violations[0]?.reason).toMatch(/region in the ARN.*us-east-1/);
  });
});

describe("checkResidency input shapes and options", () => {
  it("handles blocks given as arrays as well as objects", () => {
    const config = {
      provider: { aws: { region: "eu-central-1" } },
      resource: { aws_s3_bucket: { b: [res("s/b", { bucket: "b", region: "us-east-1" })] } },
    };
    expect(triples(checkResidency("s", config, "eu"))).toEqual([["aws_s3_bucket.b", "region", "us-east-1"]]);
  });

  it("drops exempted addresses only", () => {
    const config = {
      provider: { aws: [{ region: "eu-central-1" }, { alias: "cdn", region: "us-east-1" }] },
      resource: { aws_s3_bucket: { b: res("s/b", { bucket: "b", region: "us-east-2" }) } },
    };
    expect(triples(checkResidency("s", config, "eu", { exempt: ["provider.aws.cdn"] }))).toEqual([["aws_s3_bucket.b", "region", "us-east-2"]]);
  });

  it("accepts an empty configuration", () => {
    expect(checkResidency("s", {}, "us")).toEqual([]);
  });
});

describe("formatResidencyViolations", () => {
  const violations = checkResidency(
    "platform",
    {
      provider: { aws: [{ region: "eu-central-1" }] },
      resource: {
        aws_s3_bucket: {
          lake_raw: res("platform/lake/raw", { bucket: "raw", region: "eu-central-2" }),
          lake_logs: res("platform/lake/logs", { bucket: "logs", region: "us-east-1" }),
        },
      },
    },
    "eu",
  );

  it("writes a header and one line per offender with path, attribute, value and actual jurisdiction", () => {
    const text = formatResidencyViolations(violations, "eu");
    const lines = text.split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^Data residency \(eu: European Union.*\): 2 settings place data outside/);
    expect(lines[1]).toContain("[platform] aws_s3_bucket.lake_raw (construct platform/lake/raw): region = \"eu-central-2\"");
    expect(lines[1]).toContain("is in ch");
    expect(lines[2]).toContain("aws_s3_bucket.lake_logs (construct platform/lake/logs): region = \"us-east-1\"");
    expect(lines[2]).toContain("is in us");
  });

  it("says so when nothing is outside", () => {
    expect(formatResidencyViolations([], "de")).toBe("Data residency (de: Germany): no setting places data outside the jurisdiction.");
  });

  it("shows a missing setting as (not set)", () => {
    const [missing] = checkResidency("s", { provider: { aws: [{}] } }, "eu");
    expect(missing).toBeDefined();
    expect(formatResidencyViolation(missing as ResidencyViolation)).toMatch(/^provider\.aws: region = \(not set\) — no region is set/);
  });
});
