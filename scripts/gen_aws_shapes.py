#!/usr/bin/env python3
"""Generates AWSCore's typed shapes (Swift structs) from botocore's service models.

Run from the repository root:  python3 scripts/gen_aws_shapes.py
It reads the service-2.json files of the botocore installed with this Python and rewrites
Sources/AWSCore/Services/<Service>/<Service>Shapes.swift. The output is committed; re-run it when an
operation is added or botocore's model changes.

Rules (from the team brief):
- struct names are botocore's shape names; a name that clashes with one generated earlier for another
  service gets the service's prefix (STS `Tag` -> `STSTag`);
- properties are lowerCamelCase botocore member names, optional unless the model marks them required;
- enum-valued members are `String` (unknown values are kept as they came), timestamps are `Date`,
  integers and longs `Int`, floats and doubles `Double`;
- JSON services get `Codable` with PascalCase coding keys; query services (STS) get query
  serialisation and XML decoding instead;
- output shapes decode tolerantly, as Smithy's "client error correction" does: a required member the
  response omits (or sends as null) gets its zero value (empty string, 0, false, empty list or map, the
  epoch, a structure with its own required members zero-filled), and unknown members are ignored. Only
  code that really needs a value checks it (`AWSClientError.missingValue`). A member of the wrong type
  is still an error: that answer is not what the model says, and filling it in would hide it.

It also writes, for the tolerant-decoding tests, one fully populated sample response per operation
(Tests/AWSCoreTests/Fixtures/shapes/output-samples.json: every member, recursively, with the path and
zero value of each) and the table of output decoders (Tests/AWSCoreTests/TolerantDecodingCatalog.swift),
so the tests follow the shapes and cannot drift from them.
"""

import gzip
import html
import json
import os
import re
import subprocess
import sys

import botocore

DATA = os.path.join(os.path.dirname(botocore.__file__), "data")
OUT = "Sources/AWSCore/Services"
SAMPLES = "Tests/AWSCoreTests/Fixtures/shapes/output-samples.json"
CATALOG = "Tests/AWSCoreTests/TolerantDecodingCatalog.swift"

SERVICES = [
    (
        "SageMaker",
        "sagemaker",
        "2017-07-24",
        "json",
        [
            "ListModelPackageGroups",
            "DescribeModelPackageGroup",
            "ListModelPackages",
            "DescribeModelPackage",
            "UpdateModelPackage",
            "CreateModel",
            "DescribeModel",
            "CreateEndpointConfig",
            "DescribeEndpointConfig",
            "ListEndpointConfigs",
            "CreateEndpoint",
            "UpdateEndpoint",
            "DescribeEndpoint",
            "UpdateEndpointWeightsAndCapacities",
            "ListEndpoints",
            "AddTags",
            "ListTags",
        ],
    ),
    ("CloudWatch", "cloudwatch", "2010-08-01", "json", ["GetMetricData", "DescribeAlarms"]),
    ("STS", "sts", "2011-06-15", "query", ["GetCallerIdentity", "AssumeRole", "AssumeRoleWithWebIdentity"]),
    (
        "CloudWatchLogs",
        "logs",
        "2014-03-28",
        "json",
        [
            "CreateLogGroup",
            "CreateLogStream",
            "PutLogEvents",
            "FilterLogEvents",
            "DescribeLogStreams",
            "GetLogEvents",
        ],
    ),
    (
        "CloudFormation",
        "cloudformation",
        "2010-05-15",
        "query",
        [
            "DescribeStacks",
            "DescribeStackEvents",
            "DescribeStackResources",
            "UpdateStack",
            "CancelUpdateStack",
            "DetectStackDrift",
            "DescribeStackDriftDetectionStatus",
            "DescribeStackResourceDrifts",
        ],
    ),
    ("SSM", "ssm", "2014-11-06", "json", ["GetParameter", "PutParameter", "GetParameterHistory"]),
    ("ECR", "ecr", "2015-09-21", "json", ["DescribeImages", "DescribeRepositories"]),
    ("KMS", "kms", "2014-11-01", "json", ["DescribeKey"]),
    ("IAM", "iam", "2010-05-08", "query", ["GetRole"]),
    ("EventBridge", "events", "2015-10-07", "json", ["ListRules", "ListTargetsByRule", "DescribeRule"]),
]

# Members the model marks required that stay optional in Swift: podium shows their absence as "unknown"
# (who created a version, its validation details), which a zero value would hide. Decoding no longer needs
# this (missing required members are zero-filled); keep the list short and justified.
RELAXED = {
    ("SageMaker", "DescribeModelPackageGroupOutput", "CreatedBy"),
    ("SageMaker", "DescribeModelPackageOutput", "ModelPackageStatusDetails"),
}

KEYWORDS = {
    "default", "protocol", "operator", "in", "is", "as", "return", "self", "Self", "class", "struct",
    "enum", "func", "import", "let", "var", "where", "while", "for", "if", "else", "switch", "case",
    "repeat", "extension", "internal", "public", "private", "static", "init", "deinit", "subscript",
    "throws", "throw", "rethrows", "try", "catch", "do", "nil", "true", "false", "super", "associatedtype",
}

generated_names = {}  # swift name -> service

# Generic parameter names used by AWSCore's protocol functions: a shape of that name would be shadowed there.
GENERIC_NAMES = {"Input", "Output"}


def hand_written_type_names():
    """Top-level type names declared by hand anywhere in Sources/ (not in generated shapes): a shape with one of
    these names would clash (`RetryPolicy` in AWSCore) or make the name ambiguous where both modules are imported,
    so such a shape gets its service's prefix."""
    names = set()
    for root, _, files in os.walk("Sources"):
        for name in files:
            if not name.endswith(".swift") or name.endswith("Shapes.swift"):
                continue
            with open(os.path.join(root, name)) as f:
                for line in f:
                    m = re.match(r"^(?:public |internal |package )?(?:final )?(?:struct|enum|class|actor|protocol|typealias) ([A-Z]\w*)", line)
                    if m:
                        names.add(m.group(1))
    return names


RESERVED = set()


def load(service, version):
    path = os.path.join(DATA, service, version, "service-2.json")
    if os.path.exists(path + ".gz"):
        with gzip.open(path + ".gz") as f:
            return json.load(f)
    with open(path) as f:
        return json.load(f)


def camel(name):
    m = re.match(r"^([A-Z]+)(.*)$", name)
    if not m:
        out = name
    else:
        head, rest = m.group(1), m.group(2)
        if len(head) > 1 and rest and rest[0].islower():
            out = head[:-1].lower() + head[-1] + rest
        else:
            out = head.lower() + rest
    return f"`{out}`" if out in KEYWORDS else out


def summary(doc, fallback):
    if not doc:
        return fallback
    text = re.sub(r"<[^>]+>", " ", doc)
    text = html.unescape(re.sub(r"\s+", " ", text)).strip()
    if not text:
        return fallback
    m = re.match(r"^(.+?[.!?])(\s|$)", text)
    first = m.group(1) if m else text
    if len(first) > 100:
        first = first[:97].rstrip() + "..."
    return first.replace("\\", "\\\\")


class Gen:
    def __init__(self, svc, model, proto):
        self.svc = svc
        self.model = model
        self.shapes = model["shapes"]
        self.proto = proto
        self.names = {}  # botocore name -> swift name
        self.order = []
        self.inputs = set()
        self.outputs = set()

    def swift_name(self, shape):
        if shape in self.names:
            return self.names[shape]
        name = shape[0].upper() + shape[1:]
        if name in RESERVED or (name in generated_names and generated_names[name] != self.svc):
            name = self.svc + name
        generated_names[name] = self.svc
        self.names[shape] = name
        return name

    def collect(self, shape, role):
        s = self.shapes[shape]
        if s["type"] != "structure":
            return
        (self.inputs if role == "in" else self.outputs).add(shape)
        if shape not in self.order:
            self.swift_name(shape)
            self.order.append(shape)
        for m in s["members"].values():
            self.collect_type(m["shape"], role)

    def collect_type(self, shape, role):
        s = self.shapes[shape]
        t = s["type"]
        if t == "structure":
            if shape in (self.inputs if role == "in" else self.outputs):
                return
            self.collect(shape, role)
        elif t == "list":
            self.collect_type(s["member"]["shape"], role)
        elif t == "map":
            self.collect_type(s["value"]["shape"], role)

    def swift_type(self, shape):
        s = self.shapes[shape]
        t = s["type"]
        if t == "structure":
            return self.swift_name(shape)
        if t == "list":
            return f"[{self.swift_type(s['member']['shape'])}]"
        if t == "map":
            return f"[String: {self.swift_type(s['value']['shape'])}]"
        return {
            "string": "String",
            "integer": "Int",
            "long": "Int",
            "float": "Double",
            "double": "Double",
            "boolean": "Bool",
            "timestamp": "Date",
            "blob": "Data",
        }[t]

    def required(self, shape):
        req = set(self.shapes[shape].get("required", []))
        return {r for r in req if (self.svc, shape, r) not in RELAXED}

    def emit(self):
        for op in self.ops:
            o = self.model["operations"][op]
            if "input" in o:
                self.collect(o["input"]["shape"], "in")
            if "output" in o:
                self.collect(o["output"]["shape"], "out")
        lines = [
            f"// Generated by scripts/gen_aws_shapes.py from botocore's {self.svc} model. Do not edit by hand.",
            "import Foundation",
            "",
        ]
        for shape in self.order:
            lines += self.emit_struct(shape)
        if self.proto == "query":
            for shape in self.order:
                if shape in self.inputs:
                    lines += self.emit_query(shape)
                if shape in self.outputs:
                    lines += self.emit_xml(shape)
        return "\n".join(lines) + "\n"

    def emit_struct(self, shape):
        s = self.shapes[shape]
        name = self.swift_name(shape)
        req = self.required(shape)
        members = s["members"]
        conform = "Codable, Sendable, Equatable" if self.proto == "json" else "Sendable, Equatable"
        out = [f"/// {summary(s.get('documentation'), f'The {shape} shape of {self.svc}.')}"]
        out.append(f"public struct {name}: {conform} {{")
        params = []
        for m, spec in members.items():
            ty = self.swift_type(spec["shape"])
            opt = "" if m in req else "?"
            doc = summary(spec.get("documentation") or self.shapes[spec["shape"]].get("documentation"), f"The {m} member.")
            out.append(f"    /// {doc}")
            out.append(f"    public var {camel(m)}: {ty}{opt}")
            params.append(f"{camel(m)}: {ty}{opt}" + ("" if m in req else " = nil"))
        out.append("")
        out.append(f"    /// Creates a `{name}`.")
        if params:
            out.append("    public init(")
            out.append(",\n".join("        " + p for p in params))
            out.append("    ) {")
            for m in members:
                c = camel(m).strip("`")
                out.append(f"        self.{c} = {camel(m)}")
            out.append("    }")
        else:
            out.append("    public init() {}")
        if shape in self.outputs:
            out += self.emit_zero(shape)
        if self.proto == "json" and shape in self.outputs and req:
            out += self.emit_tolerant_init(shape)
        if self.proto == "json" and members:
            out.append("")
            out.append("    private enum CodingKeys: String, CodingKey {")
            for m in members:
                out.append(f'        case {camel(m)} = "{m}"')
            out.append("    }")
        out.append("}")
        out.append("")
        return out

    # MARK: tolerant decoding

    def zero_expr(self, shape):
        """The Swift zero value of a shape: what a response that omits a required member decodes to."""
        t = self.shapes[shape]["type"]
        if t == "structure":
            return f"{self.swift_name(shape)}.awsZero"
        return {
            "list": "[]",
            "map": "[:]",
            "string": '""',
            "integer": "0",
            "long": "0",
            "float": "0",
            "double": "0",
            "boolean": "false",
            "timestamp": "Date(timeIntervalSince1970: 0)",
            "blob": "Data()",
        }[t]

    def check_no_required_cycle(self, shape, stack=()):
        if shape in stack:
            raise SystemExit(f"{self.svc} {shape}: required members form a cycle; awsZero would not terminate")
        for m in self.required(shape):
            ms = self.shapes[shape]["members"][m]["shape"]
            if self.shapes[ms]["type"] == "structure":
                self.check_no_required_cycle(ms, stack + (shape,))

    def emit_zero(self, shape):
        self.check_no_required_cycle(shape)
        members = self.shapes[shape]["members"]
        req = self.required(shape)
        args = [f"{camel(m)}: {self.zero_expr(spec['shape'])}" for m, spec in members.items() if m in req]
        out = ["", "    /// What a response that omits this structure decodes to: required members zero, the rest nil."]
        out.append(f"    static var awsZero: Self {{ Self({', '.join(args)}) }}")
        return out

    def emit_tolerant_init(self, shape):
        members = self.shapes[shape]["members"]
        req = self.required(shape)
        out = ["", "    /// Decodes tolerantly: a required member that is missing or null gets its zero value."]
        out.append("    public init(from decoder: any Decoder) throws {")
        out.append("        let container = try decoder.container(keyedBy: CodingKeys.self)")
        for m, spec in members.items():
            c = camel(m)
            ty = self.swift_type(spec["shape"])
            value = f"try container.decodeIfPresent({ty}.self, forKey: .{c})"
            if m in req:
                value += f" ?? {self.zero_expr(spec['shape'])}"
            out.append(f"        self.{c.strip('`')} = {value}")
        out.append("    }")
        return out

    # MARK: samples for the tolerant-decoding tests

    def sample(self, shape, path, stack, member, cases):
        """A fully populated JSON value of `shape`; records each member's path and zero value in `cases`."""
        s = self.shapes[shape]
        t = s["type"]
        if t == "structure":
            req = self.required(shape)
            cases["structs"].append({"path": path, "zero": self.zero_json(shape)})
            obj = {}
            for m, spec in s["members"].items():
                ms = spec["shape"]
                if ms in stack:
                    continue  # recursive shape: one level is enough to exercise it
                obj[m] = self.sample(ms, path + [m], stack + (shape,), m, cases)
                entry = {"path": path + [m]}
                if m in req:
                    entry["zero"] = self.zero_json(ms)
                kind = self.shapes[ms]["type"]
                if kind == "string" and self.shapes[ms].get("enum"):
                    entry["kind"] = "enum"
                elif kind == "timestamp":
                    entry["kind"] = "timestamp"
                cases["members"].append(entry)
            return obj
        if t == "list":
            return [self.sample(s["member"]["shape"], path + [0], stack, member, cases)]
        if t == "map":
            return {"key1": self.sample(s["value"]["shape"], path + ["key1"], stack, member, cases)}
        if t == "string":
            return s["enum"][0] if s.get("enum") else f"sample-{member}"
        if t in ("integer", "long"):
            return 7
        if t in ("float", "double"):
            return 2.5
        if t == "boolean":
            return True
        if t == "timestamp":
            return 1700000000 if self.proto == "json" else "2023-11-14T22:13:20Z"
        if t == "blob":
            return "c2FtcGxl"
        raise SystemExit(f"no sample for {shape} ({t})")

    def zero_json(self, shape):
        s = self.shapes[shape]
        t = s["type"]
        if t == "structure":
            return {m: self.zero_json(spec["shape"]) for m, spec in s["members"].items() if m in self.required(shape)}
        if t == "timestamp":
            return 0 if self.proto == "json" else "1970-01-01T00:00:00Z"
        return {"list": [], "map": {}, "string": "", "integer": 0, "long": 0, "float": 0, "double": 0,
                "boolean": False, "blob": ""}[t]

    def samples(self):
        result = []
        for op in self.ops:
            o = self.model["operations"][op]
            if "output" not in o:
                continue
            shape = o["output"]["shape"]
            cases = {"members": [], "structs": []}
            sample = self.sample(shape, [], (), shape, cases)
            result.append({
                "service": self.svc, "operation": op, "protocol": self.proto,
                "output": self.swift_name(shape), "sample": sample, **cases,
            })
        return result

    # MARK: query + XML (STS)

    def emit_query(self, shape):
        s = self.shapes[shape]
        name = self.swift_name(shape)
        out = [f"extension {name}: AWSQueryEncodable {{"]
        out.append("    /// Appends this value's query parameters under `prefix`.")
        body = []
        for m, spec in s["members"].items():
            c = camel(m)
            key = spec.get("locationName", m)
            opt = m not in self.required(shape)
            t = self.shapes[spec["shape"]]["type"]
            value = "v" if opt else f"self.{c.strip('`')}"
            line = self.query_value(spec["shape"], value, f'prefix + "{key}"')
            if opt:
                body.append(f"        if let v = self.{c.strip('`')} {{ {line} }}")
            else:
                body.append(f"        {line}")
        if body:
            out.append("    public func encodeQuery(into query: inout AWSQueryParameters, prefix: String) {")
            out += body
        else:
            out.append("    public func encodeQuery(into query: inout AWSQueryParameters, prefix: String) {")
        out.append("    }")
        out.append("}")
        out.append("")
        return out

    def query_value(self, shape, value, key):
        t = self.shapes[shape]["type"]
        if t == "list":
            member = self.shapes[shape]["member"]["shape"]
            inner = self.query_value(member, "element", 'p + ".member.\\(index + 1)"')
            return f"let p = {key}; query.appendEmptyListMarker(p, isEmpty: {value}.isEmpty); for (index, element) in {value}.enumerated() {{ {inner} }}"
        if t == "structure":
            return f'{value}.encodeQuery(into: &query, prefix: {key} + ".")'
        return f"query.append({key}, {value})"

    def emit_xml(self, shape):
        s = self.shapes[shape]
        name = self.swift_name(shape)
        req = self.required(shape)
        out = [f"extension {name}: AWSXMLDecodable {{"]
        out.append("    /// Decodes this shape from its XML element.")
        out.append("    public init(xml: AWSXMLElement) throws {")
        if not s["members"]:
            out.append("        _ = xml")
        for m, spec in s["members"].items():
            c = camel(m).strip("`")
            expr = self.xml_value(spec["shape"], f'xml.child("{m}")')
            if m in req:
                # Tolerant, as for JSON: a missing required element gets its zero value.
                expr += f" ?? {self.zero_expr(spec['shape'])}"
            out.append(f"        self.{c} = {expr}")
        out.append("    }")
        out.append("}")
        out.append("")
        return out

    def xml_value(self, shape, el, direct=False):
        t = self.shapes[shape]["type"]
        q = "" if direct else "?"
        if t == "structure":
            tn = self.swift_name(shape)
            return f"try {el}.map {{ try {tn}(xml: $0) }}" if not direct else f"try {tn}(xml: {el})"
        if t == "list":
            member = self.shapes[shape]["member"]["shape"]
            inner = self.xml_value(member, "$0", direct=True)
            # `try` only where the element conversion can throw (a list of strings cannot).
            prefix = "try " if "try" in inner else ""
            return f"{prefix}{el}{q}.children(\"member\").map {{ {inner} }}"
        conv = {
            "string": "text",
            "integer": "intValue()",
            "long": "intValue()",
            "float": "doubleValue()",
            "double": "doubleValue()",
            "boolean": "boolValue()",
            "timestamp": "dateValue()",
        }[t]
        if conv == "text":
            return f"{el}{q}.text" if not direct else f"{el}.text"
        return f"try {el}{q}.{conv}" if not direct else f"try {el}.{conv}"


def main():
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    RESERVED.update(hand_written_type_names() | GENERIC_NAMES)
    written = []
    samples = []
    catalog = []
    for svc, name, version, proto, ops in SERVICES:
        g = Gen(svc, load(name, version), proto)
        g.ops = ops
        text = g.emit()
        for entry in g.samples():
            samples.append(entry)
            kind = "json" if proto == "json" else "xml"
            catalog.append(f'    "{svc}.{entry["operation"]}": .{kind}({entry["output"]}.self),')
        d = os.path.join(OUT, svc)
        os.makedirs(d, exist_ok=True)
        path = os.path.join(d, f"{svc}Shapes.swift")
        with open(path, "w") as f:
            f.write(text)
        print(f"{path}: {len(g.order)} shapes")
        written.append(path)
    os.makedirs(os.path.dirname(SAMPLES), exist_ok=True)
    with open(SAMPLES, "w") as f:
        json.dump(samples, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"{SAMPLES}: {len(samples)} operations")
    with open(CATALOG, "w") as f:
        f.write("// Generated by scripts/gen_aws_shapes.py. Do not edit by hand.\n")
        f.write("import AWSCore\n\n")
        f.write("/// Each generated operation's output decoder, keyed `Service.Operation`, from the generator's own list.\n")
        f.write("let tolerantDecodingCatalog: [String: OutputDecoder] = [\n")
        f.write("\n".join(catalog) + "\n]\n")
    written.append(CATALOG)
    # Keep `swift format lint --strict` clean.
    subprocess.run(["swift", "format", "format", "-i", *written], check=False)


if __name__ == "__main__":
    sys.exit(main())
