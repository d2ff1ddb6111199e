import { App, TerraformStack } from "cdktf";
import { GcpWorkloadIdentity } from "../../lib/gcp";
import { gcpGrantee } from "../../lib/gcp/imports";

describe("gcp: imported identities", () => {
  test("fails when a grantee is not a service account email", () => {
    expect(() => gcpGrantee("bob@acme.example")).toThrow(/is not a service account email/);
  });

  test("an email and serviceAccount:<email> are the same member, with ids from a digest of the email", () => {
    const a = gcpGrantee("pipelines@acme-ml-prod.iam.gserviceaccount.com");
    const b = gcpGrantee("serviceAccount:pipelines@acme-ml-prod.iam.gserviceaccount.com");
    expect(a).toEqual(b);
    expect(a.member).toBe("serviceAccount:pipelines@acme-ml-prod.iam.gserviceaccount.com");
    expect(a.who).toMatch(/^sa-[0-9a-f]{10}$/);
    expect(gcpGrantee("other-pipelines@acme-ml-prod.iam.gserviceaccount.com").who).not.toBe(a.who);
  });

  test("an imported account bound to a namespace grants under that namespace's ids, as a team identity does", () => {
    const identity = GcpWorkloadIdentity.fromServiceAccountEmail(new TerraformStack(new App(), "s"), "Etl", "etl-runner@acme-ml-prod.iam.gserviceaccount.com", {
      namespace: "etl",
      serviceAccountName: "runner",
    });
    expect(gcpGrantee(identity).who).toBe("etl");
    expect(identity.serviceAccountAnnotations).toEqual({ "iam.gke.io/gcp-service-account": "etl-runner@acme-ml-prod.iam.gserviceaccount.com" });
  });
});
