package scan

// CIAttrs are the OpenTelemetry semantic conventions' CI/CD attributes (cicd.pipeline.*,
// https://opentelemetry.io/docs/specs/semconv/registry/attributes/cicd/) read from the
// environment of a GitHub Actions or GitLab CI job; none elsewhere. getenv is os.Getenv.
func CIAttrs(getenv func(string) string) map[string]string {
	attrs := map[string]string{}
	set := func(k, v string) {
		if v != "" {
			attrs[k] = v
		}
	}
	switch {
	case getenv("GITHUB_ACTIONS") == "true":
		set("cicd.pipeline.name", getenv("GITHUB_WORKFLOW"))
		set("cicd.pipeline.run.id", getenv("GITHUB_RUN_ID"))
		if srv, repo, id := getenv("GITHUB_SERVER_URL"), getenv("GITHUB_REPOSITORY"), getenv("GITHUB_RUN_ID"); srv != "" && repo != "" && id != "" {
			set("cicd.pipeline.run.url.full", srv+"/"+repo+"/actions/runs/"+id)
		}
		set("cicd.pipeline.task.name", getenv("GITHUB_JOB"))
	case getenv("GITLAB_CI") == "true":
		name := getenv("CI_PIPELINE_NAME")
		if name == "" {
			name = getenv("CI_PROJECT_PATH")
		}
		set("cicd.pipeline.name", name)
		set("cicd.pipeline.run.id", getenv("CI_PIPELINE_ID"))
		set("cicd.pipeline.run.url.full", getenv("CI_PIPELINE_URL"))
		set("cicd.pipeline.task.name", getenv("CI_JOB_NAME"))
		set("cicd.pipeline.task.run.id", getenv("CI_JOB_ID"))
		set("cicd.pipeline.task.run.url.full", getenv("CI_JOB_URL"))
	}
	return attrs
}
