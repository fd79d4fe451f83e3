"""The parts of the bureau's intake (`selfcheck.exchange.collect` puts them together and documents the rules):

stick    finding the report files under the paths given, and reading one
examine  checking one file's bytes: verify, then its data through the report schema (what a worker runs)
pool     verifying in worker processes, a worker's death costing no file
trust    the trust folder's certificates
newest   sorting out: copies, the newest report per school, checklist and period, history and conflicts
model    what the intake hands back: Report, Rejected, HistoryEntry, Intake
"""
