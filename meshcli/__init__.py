"""`incidentmesh`: the command line for running and using the mesh."""
