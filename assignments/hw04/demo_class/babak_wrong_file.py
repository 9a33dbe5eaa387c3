def forward_batchnorm(x, gamma, beta):
    pass
