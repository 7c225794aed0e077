import AWSCore
import Foundation
import Testing

@Suite struct PaginatorTests {
    @Test func listModelPackagesPaginatorFollowsNextToken() async throws {
        let transport = RecordingTransport(script: [
            jsonReply(
                #"{"ModelPackageSummaryList":[{"ModelPackageArn":"a1","CreationTime":1,"ModelPackageStatus":"Completed"}],"NextToken":"t1"}"#
            ),
            jsonReply(
                #"{"ModelPackageSummaryList":[{"ModelPackageArn":"a2","CreationTime":2,"ModelPackageStatus":"Completed"}],"NextToken":"t2"}"#
            ),
            jsonReply(
                #"{"ModelPackageSummaryList":[{"ModelPackageArn":"a3","CreationTime":3,"ModelPackageStatus":"Completed"}]}"#
            ),
        ])
        let client = makeTestClient(transport: transport)
        var arns: [String] = []
        for try await page in client.sageMaker.listModelPackagesPaginator(.init(modelPackageGroupName: "g")) {
            arns += page.modelPackageSummaryList.map(\.modelPackageArn)
        }
        #expect(arns == ["a1", "a2", "a3"])
        let bodies = await transport.requests.map(jsonBody)
        #expect(bodies.map { $0["NextToken"] as? String } == [nil, "t1", "t2"])
        #expect(bodies.allSatisfy { $0["ModelPackageGroupName"] as? String == "g" })
    }

    @Test func paginatorStopsOnARepeatedToken() async throws {
        let transport = RecordingTransport.json(#"{"Endpoints":[],"NextToken":"same"}"#)
        let client = makeTestClient(transport: transport)
        var pages = 0
        for try await _ in client.sageMaker.listEndpointsPaginator() { pages += 1 }
        #expect(pages == 2)
    }

    @Test func otherPaginatorsExist() async throws {
        let transport = RecordingTransport.json(
            #"{"EndpointConfigs":[],"ModelPackageGroupSummaryList":[],"MetricAlarms":[]}"#)
        let client = makeTestClient(transport: transport)
        for try await _ in client.sageMaker.listEndpointConfigsPaginator() {}
        for try await _ in client.sageMaker.listModelPackageGroupsPaginator() {}
        for try await _ in client.cloudWatch.describeAlarmsPaginator() {}
        #expect(await transport.operations == ["ListEndpointConfigs", "ListModelPackageGroups", "DescribeAlarms"])
    }

    @Test func getMetricDataInBatchesSplitsAt500AndMergesPages() async throws {
        // Answers each call with one page per query id; the first call of each batch has a second page.
        let transport = RecordingTransport(fallback: { request in
            let body = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any] ?? [:]
            let queries = body["MetricDataQueries"] as? [[String: Any]] ?? []
            let token = body["NextToken"] as? String
            let results = queries.map { q -> [String: Any] in
                let id = q["Id"] as! String
                return [
                    "Id": id, "Timestamps": [token == nil ? 100 : 200], "Values": [token == nil ? 1.0 : 2.0],
                    "StatusCode": "Complete",
                ]
            }
            var reply: [String: Any] = ["MetricDataResults": results]
            if token == nil { reply["NextToken"] = "page2" }
            let data = try! JSONSerialization.data(withJSONObject: reply)
            return .response(HTTPResponse(status: 200, body: Array(data)))
        })
        let client = makeTestClient(transport: transport)
        let queries = (0..<1201).map { i in
            MetricDataQuery(
                id: "q\(i)",
                metricStat: MetricStat(metric: Metric(namespace: "N", metricName: "M"), period: 60, stat: "Sum"))
        }
        let results = try await client.cloudWatch.getMetricDataInBatches(
            queries: queries, startTime: Date(timeIntervalSince1970: 0), endTime: testDate)
        let requests = await transport.requests
        #expect(requests.count == 6)  // 3 batches (500, 500, 201) × 2 pages
        let sizes = requests.map { (jsonBody($0)["MetricDataQueries"] as? [Any])?.count ?? 0 }
        #expect(sizes == [500, 500, 500, 500, 201, 201])
        #expect(results.count == 1201)
        #expect(results.map(\.id) == queries.map(\.id))
        #expect(results[700].values == [1.0, 2.0])
        #expect(results[700].timestamps == [Date(timeIntervalSince1970: 100), Date(timeIntervalSince1970: 200)])
    }

    @Test func getMetricDataRefusesMoreThan500Queries() async throws {
        let transport = RecordingTransport.json("{}")
        let client = makeTestClient(transport: transport)
        let queries = (0..<501).map { MetricDataQuery(id: "q\($0)", expression: "1") }
        await #expect(throws: AWSClientError.self) {
            _ = try await client.cloudWatch.getMetricData(
                .init(metricDataQueries: queries, startTime: Date(timeIntervalSince1970: 0), endTime: testDate))
        }
        #expect(await transport.requests.isEmpty)
    }
}
