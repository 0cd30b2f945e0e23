"""Every change to indicators, results, targets, submissions and interventions: one module per
subdomain, each function checking, saving in one transaction and recording who acted."""
