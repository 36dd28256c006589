/** AttachInstances' `LoadBalancerWeight.N` when the caller gives none, and the weight ESS reports for a group's load balancers. */
export const DEFAULT_LOAD_BALANCER_WEIGHT = 50;
