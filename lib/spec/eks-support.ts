/**
 * The EKS Kubernetes release calendar and what validation says about a spec's version:
 * when it leaves standard support, when extended support ends, and whether the chosen
 * `cluster.supportPolicy` can work with it.
 */
import type { SpecProblem } from "./problems";
import type { ClusterSpec } from "./schema";

/** End of standard and of extended support of one Kubernetes minor on EKS (UTC dates). */
export interface EksSupportDates {
  readonly endOfStandardSupport: string;
  readonly endOfExtendedSupport: string;
}

/**
 * Amazon EKS Kubernetes release calendar, "End of standard support" and "End of extended
 * support" columns (dates in UTC+0; billing for extended support starts at the beginning
 * of the end-of-standard-support day). Source: Amazon EKS User Guide, "Understand the
 * Kubernetes version lifecycle on EKS", https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html
 * (github.com/awsdocs/amazon-eks-user-guide latest/ug/versioning/kubernetes-versions.adoc),
 * read 2026-12. Add a row with each version the spec schema accepts.
 */
export const EKS_SUPPORT_CALENDAR: Readonly<Record<string, EksSupportDates>> = {
  "1.31": { endOfStandardSupport: "2025-11-26", endOfExtendedSupport: "2026-11-26" },
  "1.32": { endOfStandardSupport: "2026-03-23", endOfExtendedSupport: "2027-03-23" },
  "1.33": { endOfStandardSupport: "2026-07-29", endOfExtendedSupport: "2027-07-29" },
  "1.34": { endOfStandardSupport: "2026-12-02", endOfExtendedSupport: "2027-12-02" },
};

const DAY_MS = 24 * 60 * 60 * 1000;

function utcDay(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

function daysUntil(date: string, today: Date): number {
  return Math.ceil((utcDay(date) - today.getTime()) / DAY_MS);
}

/** Versions of the calendar still in standard support on `today`. */
function inStandardSupport(today: Date): string[] {
  return Object.keys(EKS_SUPPORT_CALENDAR).filter((v) => daysUntil(EKS_SUPPORT_CALENDAR[v]!.endOfStandardSupport, today) > 0);
}

/** Versions of the calendar EKS still creates clusters on (standard or extended support) on `today`. */
function creatable(today: Date): string[] {
  return Object.keys(EKS_SUPPORT_CALENDAR).filter((v) => daysUntil(EKS_SUPPORT_CALENDAR[v]!.endOfExtendedSupport, today) > 0);
}

function upgradeHint(today: Date): string {
  const standard = inStandardSupport(today);
  return standard.length > 0
    ? `versions in standard support: ${standard.join(", ")}`
    : "no version this library accepts is still in standard support; move to a newer Kubernetes version as soon as the library offers one";
}

/** What validation reports about the version and support policy: errors, and warnings (errors when `supportNotice.action` is fail). */
export interface SupportFindings {
  readonly errors: SpecProblem[];
  readonly warnings: SpecProblem[];
}

/**
 * The support findings of an EKS cluster on `today`.
 *
 * Always errors: a version past the end of extended support (EKS creates no cluster on
 * it), and `supportPolicy: standard` with a version past the end of standard support (the
 * policy can be set only while the version is in standard support, and EKS upgrades such
 * a cluster itself; https://docs.aws.amazon.com/eks/latest/userguide/view-upgrade-policy.html).
 * Notices (warnings, or errors with `supportNotice.action: fail`): a version in extended
 * support (charged per cluster hour), or one whose standard or extended support ends
 * within `supportNotice.days`.
 */
export function eksSupportFindings(cluster: Pick<ClusterSpec, "kubernetesVersion" | "supportPolicy" | "supportNotice">, today: Date): SupportFindings {
  const errors: SpecProblem[] = [];
  const notices: SpecProblem[] = [];
  const version = cluster.kubernetesVersion;
  const dates = EKS_SUPPORT_CALENDAR[version];
  if (!dates) return { errors, warnings: [] };
  const toStandardEnd = daysUntil(dates.endOfStandardSupport, today);
  const toExtendedEnd = daysUntil(dates.endOfExtendedSupport, today);
  const noticeDays = cluster.supportNotice.days;
  // A version in extended support is always noticed (it is charged), whatever the days.
  if (toExtendedEnd <= 0) {
    errors.push({
      path: "cluster.kubernetesVersion",
      message: `"${version}" reached the end of EKS extended support on ${dates.endOfExtendedSupport}: EKS creates no cluster on it and upgrades existing ones; choose ${creatable(today).join(", ") || "a newer version"}`,
    });
  } else if (toStandardEnd <= 0) {
    if (cluster.supportPolicy === "standard") {
      errors.push({
        path: "cluster.supportPolicy",
        message: `"standard" cannot be used with Kubernetes ${version}, which left EKS standard support on ${dates.endOfStandardSupport} (the policy is set only while the version is in standard support, and EKS upgrades such clusters itself); set supportPolicy: extended (charged per cluster hour until ${dates.endOfExtendedSupport}) or choose another version (${upgradeHint(today)})`,
      });
    } else {
      notices.push({
        path: "cluster.kubernetesVersion",
        message: `"${version}" is in EKS extended support since ${dates.endOfStandardSupport} (charged per cluster hour) until ${dates.endOfExtendedSupport}, when EKS upgrades the control plane itself; plan the upgrade (${upgradeHint(today)})`,
      });
    }
  } else if (toStandardEnd <= noticeDays) {
    notices.push({
      path: "cluster.kubernetesVersion",
      message:
        cluster.supportPolicy === "standard"
          ? `"${version}" leaves EKS standard support on ${dates.endOfStandardSupport}, in ${toStandardEnd} days; with supportPolicy standard EKS then upgrades the control plane itself and the next plan wants the old version back; upgrade first, or set supportPolicy: extended`
          : `"${version}" leaves EKS standard support on ${dates.endOfStandardSupport}, in ${toStandardEnd} days; the cluster then enters extended support, charged per cluster hour, until ${dates.endOfExtendedSupport}; upgrade first to avoid the charge`,
    });
  }
  const failing = cluster.supportNotice.action === "fail";
  const asFailures = notices.map((n) => ({ ...n, message: `${n.message} (cluster.supportNotice.action is "fail"; set it to "warn" to deploy anyway)` }));
  return failing ? { errors: [...errors, ...asFailures], warnings: [] } : { errors, warnings: notices };
}
