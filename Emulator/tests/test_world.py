"""The demo world: seed.py builds what config/demo.yaml describes, and traffic.py's metrics answer podium's queries."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from Emulator import seed, traffic, world


def test_seed_and_traffic_build_the_demo_world(emu):
    emu.control("POST", "/_podium/config", {"endpoint_create_seconds": 20, "endpoint_update_seconds": 30})
    assert seed.main(["--endpoint-url", emu.url, "--quiet"]) == 0
    # seeding ran instantly and restored the demo's transition durations
    assert emu.control("GET", "/_podium/config")["endpoint_update_seconds"] == 30
    registry = emu.client("sagemaker")
    groups = [g["ModelPackageGroupName"] for g in registry.list_model_package_groups()["ModelPackageGroupSummaryList"]]
    assert sorted(groups) == sorted(world.GROUPS)
    statuses = {}
    for group in groups:
        for summary in registry.list_model_packages(ModelPackageGroupName=group)["ModelPackageSummaryList"]:
            statuses[summary["ModelApprovalStatus"]] = statuses.get(summary["ModelApprovalStatus"], 0) + 1
    assert set(statuses) == {"Approved", "Rejected", "PendingManualApproval"} and statuses["PendingManualApproval"] >= 3
    s3 = emu.client("s3")
    package = registry.describe_model_package(ModelPackageName=registry.list_model_packages(ModelPackageGroupName="churn")["ModelPackageSummaryList"][0]["ModelPackageArn"])
    uri = package["ModelMetrics"]["ModelQuality"]["Statistics"]["S3Uri"]
    body = s3.get_object(Bucket=uri.split("/")[2], Key="/".join(uri.split("/")[3:]))["Body"].read()
    assert b'"binary_classification_metrics"' in body and b'"standard_deviation"' in body

    for env, account, region in world.ENVIRONMENTS:
        sm = emu.client("sagemaker", region=region, **emu.assume(account, region))
        names = {e["EndpointName"]: e["EndpointStatus"] for e in sm.list_endpoints()["Endpoints"]}
        assert names == {world.endpoint_name(g, env): "InService" for g in world.DEPLOYMENTS[env]}
    prod = emu.client("sagemaker", region="eu-west-1", **emu.assume("333333333333", "eu-west-1"))
    churn = prod.describe_endpoint(EndpointName="churn-prod")
    assert churn["EndpointConfigName"] == "churn-prod-v3"
    model = prod.describe_model(ModelName=prod.describe_endpoint_config(EndpointConfigName="churn-prod-v3")["ProductionVariants"][0]["ModelName"])
    assert model["PrimaryContainer"]["ModelPackageName"].endswith("model-package/churn/3")
    # deployment history: the endpoint configs podium created, found by their tags
    configs = prod.list_endpoint_configs(NameContains="churn-prod")["EndpointConfigs"]
    assert [c["EndpointConfigName"] for c in configs] == ["churn-prod-v1", "churn-prod-v3"]
    tags = {t["Key"]: t["Value"] for t in prod.list_tags(ResourceArn=configs[1]["EndpointConfigArn"])["Tags"]}
    assert tags["podium:version"] == "3" and tags["podium:previous-endpoint-config"] == "churn-prod-v1"

    assert traffic.main(["--endpoint-url", emu.url, "--backfill-minutes", "15", "--interval", "3600", "--duration", "0.01", "--incident", "churn-prod"]) == 0
    cw = emu.client("cloudwatch", region="eu-west-1", **emu.assume("333333333333", "eu-west-1"))
    now = datetime.now(timezone.utc)
    dims = [{"Name": "EndpointName", "Value": "churn-prod"}, {"Name": "VariantName", "Value": "AllTraffic"}]
    results = cw.get_metric_data(
        MetricDataQueries=[
            {"Id": "inv", "MetricStat": {"Metric": {"Namespace": "AWS/SageMaker", "MetricName": "Invocations", "Dimensions": dims}, "Period": 60, "Stat": "Sum"}},
            {"Id": "p99", "MetricStat": {"Metric": {"Namespace": "AWS/SageMaker", "MetricName": "ModelLatency", "Dimensions": dims}, "Period": 60, "Stat": "p99"}},
            {"Id": "cpu", "MetricStat": {"Metric": {"Namespace": "/aws/sagemaker/Endpoints", "MetricName": "CPUUtilization", "Dimensions": dims}, "Period": 60, "Stat": "Average"}},
        ],
        StartTime=now - timedelta(minutes=16), EndTime=now,
    )["MetricDataResults"]
    assert all(len(r["Values"]) >= 14 for r in results)
    alarm = cw.describe_alarms(AlarmNames=["churn-prod-5xx"])["MetricAlarms"][0]
    assert alarm["StateValue"] == "ALARM"


def test_seed_with_routes_builds_stack_owned_and_pipeline_environments(emu):
    assert seed.main(["--endpoint-url", emu.url, "--quiet", "--routes"]) == 0
    preprod = emu.assume("222222222222")
    cf = emu.client("cloudformation", **preprod)
    sm = emu.client("sagemaker", **preprod)
    arn = sm.describe_endpoint(EndpointName="fraud-detector-preprod")["EndpointArn"]
    owner = cf.describe_stack_resources(PhysicalResourceId=arn)["StackResources"][0]
    assert owner["StackName"] == "fraud-detector-preprod-stack"
    params = {p["ParameterKey"]: p["ParameterValue"] for p in cf.describe_stacks(StackName=owner["StackName"])["Stacks"][0]["Parameters"]}
    assert params["ModelPackageArn"].endswith("model-package/fraud-detector/2")  # history [1, 2]: created at v1, updated to v2
    prod = emu.assume("333333333333", "eu-west-1")
    ssm = emu.client("ssm", region="eu-west-1", **prod)
    assert ssm.get_parameter(Name="/models/churn/prod")["Parameter"]["Value"].endswith("model-package/churn/3")
    pipelines = emu.control("GET", "/_podium/pipelines")
    assert sorted(p["group"] for p in pipelines["pipelines"]) == sorted(world.DEPLOYMENTS["prod"]) and pipelines["runs"] == []
    # preflight data: the package's image (registry ECR) and its replica in the environment, with the same digest
    ecr_registry, ecr_prod = emu.client("ecr"), emu.client("ecr", region="eu-west-1", **prod)
    digests = {c.describe_images(repositoryName="churn", imageIds=[{"imageTag": "v3"}])["imageDetails"][0]["imageDigest"] for c in (ecr_registry, ecr_prod)}
    assert len(digests) == 1
    kms = emu.client("kms", region="eu-west-1", **prod)
    assert kms.describe_key(KeyId=world.KMS_DISABLED_ALIAS)["KeyMetadata"]["KeyState"] == "Disabled"


def test_seed_variants_and_per_variant_traffic(emu):
    assert seed.main(["--endpoint-url", emu.url, "--quiet", "--variants"]) == 0
    dev = emu.client("sagemaker", **emu.assume("111111111111"))
    churn = dev.describe_endpoint(EndpointName="churn-dev")
    assert [(v["VariantName"], v["CurrentWeight"]) for v in churn["ProductionVariants"]] == [("champion", 90.0), ("challenger", 10.0)]
    fraud = dev.describe_endpoint(EndpointName="fraud-detector-dev")
    assert [(v["VariantName"], v["CurrentWeight"]) for v in fraud["ShadowProductionVariants"]] == [("shadow", 0.2)]
    forecast = dev.describe_endpoint(EndpointName="demand-forecast-dev")["ProductionVariants"][0]
    assert forecast["CurrentServerlessConfig"] == {"MemorySizeInMB": 2048, "MaxConcurrency": 5}
    # a shift made before the traffic runs shows in the split: 50/50
    dev.update_endpoint_weights_and_capacities(
        EndpointName="churn-dev", DesiredWeightsAndCapacities=[{"VariantName": "champion", "DesiredWeight": 1}, {"VariantName": "challenger", "DesiredWeight": 1}]
    )
    assert traffic.main(["--endpoint-url", emu.url, "--backfill-minutes", "6", "--interval", "3600", "--duration", "0.01"]) == 0
    cw = emu.client("cloudwatch", **emu.assume("111111111111"))
    now = datetime.now(timezone.utc)

    def series(endpoint, variant, metric, stat="Sum", namespace="AWS/SageMaker"):
        dims = [{"Name": "EndpointName", "Value": endpoint}, {"Name": "VariantName", "Value": variant}]
        query = {"Id": "q", "MetricStat": {"Metric": {"Namespace": namespace, "MetricName": metric, "Dimensions": dims}, "Period": 600, "Stat": stat}}
        return cw.get_metric_data(MetricDataQueries=[query], StartTime=now - timedelta(minutes=11), EndTime=now)["MetricDataResults"][0]["Values"]

    champion, challenger = sum(series("churn-dev", "champion", "Invocations")), sum(series("churn-dev", "challenger", "Invocations"))
    assert champion > 0 and 0.7 < challenger / champion < 1.4
    assert series("churn-dev", "AllTraffic", "Invocations") == []
    production, shadow = sum(series("fraud-detector-dev", "AllTraffic", "Invocations")), sum(series("fraud-detector-dev", "shadow", "Invocations"))
    assert 0.12 < shadow / production < 0.3  # the 20 % sample
    assert series("demand-forecast-dev", "AllTraffic", "ModelSetupTime", "Maximum")
    assert series("demand-forecast-dev", "AllTraffic", "MemoryUtilization", "Average", "/aws/sagemaker/Endpoints")
    assert series("demand-forecast-dev", "AllTraffic", "CPUUtilization", "Average", "/aws/sagemaker/Endpoints") == []


def test_variant_config_lists_the_seeded_variants():
    from pathlib import Path

    from Emulator import variant_config

    text = variant_config.convert((Path(__file__).resolve().parents[2] / "config" / "demo.yaml").read_text())
    assert "          - { name: champion, weight: 90, instance_type: ml.m5.large, instance_count: 1 }" in text
    assert "          - { name: AllTraffic, weight: 1, serverless: { memory_mb: 2048, max_concurrency: 5 } }" in text
    assert "name: churn-dev, model_package_group" not in text  # the single-variant line was replaced
