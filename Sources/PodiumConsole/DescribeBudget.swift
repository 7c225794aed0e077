/// How many versions the console has described per refresh: the rows a screen can show. Rows further down keep
/// their summary fields until scrolling brings them into view.
enum DescribeBudget {
    /// How many of each group's newest approved or rejected versions the activity screen describes (once each:
    /// the describe cache keeps them while their status is unchanged). Older decisions reach the screen when a
    /// refresh sees their status change, or from podium's own audit records.
    static let activityNewestDecidedPerGroup = 5

    /// How many of a group's newest versions the versions screen describes (created by, last modified), and how
    /// many of the oldest pending versions the pending screen describes.
    static let rowsPerScreen = 60
}
