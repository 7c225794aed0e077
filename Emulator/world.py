"""The demo world, shared by seed.py, traffic.py and config/demo.yaml (keep them in step)."""

from __future__ import annotations

REGISTRY_ACCOUNT = "123456789012"
REGISTRY_REGION = "us-east-1"
EVAL_BUCKET = "podium-model-evaluations"
ROLE_NAME = "podium-promoter"

# name, account, region
ENVIRONMENTS = [
    ("dev", "111111111111", "us-east-1"),
    ("preprod", "222222222222", "us-east-1"),
    ("prod", "333333333333", "eu-west-1"),
]

# group -> (description, problem type, image repository, [(approval status, description, approval note)])
GROUPS: dict[str, dict] = {
    "churn": {
        "description": "Customer churn propensity (XGBoost, weekly retrain)",
        "kind": "binary",
        "image": "763104351884.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1",
        "versions": [
            ("Approved", "Baseline on 2024 Q3 features", "first production model"),
            ("Rejected", "Added tenure buckets; recall regressed", "recall below baseline"),
            ("Approved", "Tenure buckets fixed, class weights tuned", "beats v1 on AUC"),
            ("Approved", "Adds support-ticket features", "ok for dev soak"),
            ("PendingManualApproval", "Retrained on October data", None),
        ],
    },
    "fraud-detector": {
        "description": "Card-not-present fraud scoring",
        "kind": "binary",
        "image": "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.3-cpu-py311",
        "versions": [
            ("Approved", "GBDT baseline", "risk sign-off RISK-118"),
            ("Approved", "Graph features from merchant network", "risk sign-off RISK-131"),
            ("PendingManualApproval", "Distilled transformer, 40% lower latency", None),
            ("PendingManualApproval", "Same as v3 with calibrated thresholds", None),
        ],
    },
    "recsys-ranker": {
        "description": "Home-feed ranking (two-tower + GBDT re-ranker)",
        "kind": "binary",
        "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/recsys-ranker:2024.10",
        "versions": [
            ("Rejected", "Cold-start experiment", "CTR drop in offline replay"),
            ("Approved", "Re-ranker with freshness features", "A/B test won"),
            ("Approved", "Adds session context", "ok"),
            ("PendingManualApproval", "Larger embedding tables", None),
        ],
    },
    "demand-forecast": {
        "description": "Daily SKU demand forecast (regression)",
        "kind": "regression",
        "image": "763104351884.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1",
        "versions": [
            ("Approved", "LightGBM baseline", "planning team sign-off"),
            ("Approved", "Holiday calendar features", "MAPE improved"),
            ("Rejected", "Report broken: evaluation job failed", "evaluation incomplete"),
            ("PendingManualApproval", "Promo-aware model (evaluation report missing)", None),
        ],
    },
}

# environment -> group -> version history (the last one is what runs now); missing group = not deployed
DEPLOYMENTS: dict[str, dict[str, list[int]]] = {
    "dev": {"churn": [3, 4], "fraud-detector": [2], "recsys-ranker": [3], "demand-forecast": [1, 2]},
    "preprod": {"churn": [3], "fraud-detector": [1, 2], "recsys-ranker": [3], "demand-forecast": [1]},
    "prod": {"churn": [1, 3], "fraud-detector": [1], "recsys-ranker": [2]},
}

# endpoints that get CloudWatch alarms (5xx and p99 latency)
ALARMED = {"churn-prod", "fraud-detector-prod", "recsys-ranker-prod", "churn-preprod"}

INSTANCE = {"dev": ("ml.m5.large", 1), "preprod": ("ml.m5.large", 1), "prod": ("ml.m5.xlarge", 2)}


# Promotion routes (issue 12): dev promotes directly; a CloudFormation stack owns every preprod and prod endpoint
# (`<endpoint>-stack`, parameter ModelPackageArn); prod deploys through the pipeline stand-in (pin + GitHub workflow).
ROUTES = {"dev": "direct", "preprod": "stack", "prod": "pipeline"}
STACK_PARAMETER = "ModelPackageArn"
GITHUB_REPO = "example-corp/ml-deploy"
GITHUB_WORKFLOW = "deploy.yml"
GITHUB_TOKEN = "podium-emulator-token"  # the emulator's default token (PODIUM_EMU_GITHUB_TOKEN overrides it)

# Preflight data. Images live in the registry account's ECR (the URIs the packages name) and are replicated, same
# digest, to every environment's account and region; model data in s3://podium-models-<account>-<region>/ of
# the registry and of every environment. Each environment has an Enabled KMS key `alias/podium-endpoints`, a
# Disabled one `alias/podium-retired`, the execution role `sagemaker-exec` (trusts sagemaker.amazonaws.com) and
# `podium-ci` (trusts lambda.amazonaws.com only). demand-forecast v4 has neither image nor model data (a preflight
# failure to show).
MODEL_BUCKET_PREFIX = "podium-models"
KMS_ENABLED_ALIAS = "alias/podium-endpoints"
KMS_DISABLED_ALIAS = "alias/podium-retired"
EXECUTION_ROLE = "sagemaker-exec"
UNTRUSTING_ROLE = "podium-ci"
MISSING_ARTEFACTS = {("demand-forecast", 4)}


def image_uri(group: str, version: int) -> str:
    return f"{REGISTRY_ACCOUNT}.dkr.ecr.{REGISTRY_REGION}.amazonaws.com/{group}:v{version}"


def model_bucket(account: str, region: str) -> str:
    return f"{MODEL_BUCKET_PREFIX}-{account}-{region}"


def model_data_url(group: str, version: int) -> str:
    return f"s3://{model_bucket(REGISTRY_ACCOUNT, REGISTRY_REGION)}/{group}/v{version}/model.tar.gz"


def stack_name(endpoint: str) -> str:
    return f"{endpoint}-stack"


def pin_name(group: str, env: str) -> str:
    return f"/models/{group}/{env}"


def endpoint_name(group: str, env: str) -> str:
    return f"{group}-{env}"


def all_endpoints() -> list[tuple[str, str, str, str, str]]:
    """(env, account, region, endpoint, group) for every deployed endpoint."""
    out = []
    for env, account, region in ENVIRONMENTS:
        for group in DEPLOYMENTS.get(env, {}):
            out.append((env, account, region, endpoint_name(group, env), group))
    return out


# Variants (issue 15), seeded with `seed.py --variants` (make demo): dev endpoints whose last config has several
# variants. endpoint -> {"production": [(variant, version, weight, instance or serverless)], "shadow": [...]}, where
# instance = (type, count) and serverless = {"memory_mb": M, "max_concurrency": C}. The shadow variant's weight over
# the production variant's is its sampling share (0.2 = 20 % of requests copied).
VARIANT_ENDPOINTS: dict[str, dict[str, list[tuple[str, int, float, tuple[str, int] | dict[str, int]]]]] = {
    "churn-dev": {"production": [("champion", 3, 90.0, ("ml.m5.large", 1)), ("challenger", 4, 10.0, ("ml.m5.large", 1))], "shadow": []},
    "fraud-detector-dev": {"production": [("AllTraffic", 1, 1.0, ("ml.m5.large", 1))], "shadow": [("shadow", 2, 0.2, ("ml.m5.large", 1))]},
    "demand-forecast-dev": {"production": [("AllTraffic", 2, 1.0, {"memory_mb": 2048, "max_concurrency": 5})], "shadow": []},
}
